// The index page: the jobs this browser submitted ("my jobs"), each with its state kept fresh.
'use strict';

(function (S) {
    const { FINAL, JSON_ONLY, BASE, el, queueText, myJobs, forget } = S;

    function initIndex() {
        const table = document.getElementById('my-jobs-table');
        const empty = document.getElementById('my-jobs-empty');
        const jobs = myJobs();
        if (!table || jobs.length === 0) {
            return;
        }
        table.hidden = false;
        empty.hidden = true;
        const body = table.querySelector('tbody');
        const rows = new Map();
        jobs.forEach(job => {
            const status = el('span', { class: 'status' }, '…');
            const progress = el('td', { class: 'progress-cell' });
            const remove = el('button', { type: 'button', class: 'link-button', title: 'Forget this job here' }, 'forget');
            const row = el('tr', { 'data-job-id': job.id }, [
                el('td', {}, el('a', { href: BASE + '/jobs/' + encodeURIComponent(job.id) }, el('code', {}, job.id.slice(-8)))),
                el('td', {}, job.title || job.task || ''),
                el('td', {}, status),
                progress,
                el('td', {}, job.submitted ? new Date(job.submitted).toLocaleString() : ''),
                el('td', {}, remove)]);
            remove.addEventListener('click', () => {
                forget(job.id);
                row.remove();
                rows.delete(job.id);
            });
            body.append(row);
            rows.set(job.id, { status, progress, final: false });
        });
        const refresh = async () => {
            for (const [id, row] of rows) {
                if (row.final) {
                    continue;
                }
                try {
                    const response = await fetch(BASE + '/jobs/' + encodeURIComponent(id), { headers: JSON_ONLY });
                    if (response.status === 404) {
                        row.status.textContent = 'no longer on the server';
                        row.status.className = 'status status-gone';
                        row.final = true;
                        continue;
                    }
                    const doc = await response.json();
                    row.status.textContent = doc.status;
                    row.status.className = 'status status-' + doc.status;
                    row.progress.textContent = doc.status === 'accepted' ? queueText(doc)
                        : typeof doc.progress === 'number' ? doc.progress + '%' : '';
                    row.final = FINAL.includes(doc.status);
                } catch (unreachable) {
                    row.status.textContent = 'server unreachable';
                }
            }
            if ([...rows.values()].some(row => !row.final)) {
                setTimeout(refresh, 3000);
            }
        };
        refresh();
    }

    S.on('index', initIndex);
}(window.Sluice));
