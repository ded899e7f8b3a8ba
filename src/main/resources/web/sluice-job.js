// The job page: live from the job's event stream, or from its status document where streams fail.
'use strict';

(function (S) {
    const { FINAL, JSON_ONLY, BASE, el, queueText } = S;

    const LOG_LINES_SHOWN = 500;

    function initJob() {
        const root = document.getElementById('job');
        if (!root) {
            return;
        }
        const id = root.dataset.jobId;
        const path = BASE + '/jobs/' + encodeURIComponent(id);
        const view = {
            status: document.getElementById('job-status'),
            reason: document.getElementById('job-reason'),
            queue: document.getElementById('job-queue'),
            bar: document.getElementById('job-progress'),
            percent: document.getElementById('job-progress-value'),
            message: document.getElementById('job-message'),
            cancel: document.getElementById('job-cancel'),
            log: document.getElementById('job-log'),
            results: document.getElementById('job-results')
        };
        view.logSection = document.getElementById('job-log-section');
        // progress lines are drawn as the bar, so the log shows the job's other lines only
        const PROGRESS_LINE = /^\s*::progress[ \t]/;
        const shown = list => list.filter(line => !PROGRESS_LINE.test(line));
        let lines = view.log.textContent.split('\n').filter((line, i, all) => i < all.length - 1 || line !== '');
        let finished = FINAL.includes(root.dataset.status);
        let resultsShown = false;

        const showLog = () => {
            const atBottom = view.log.scrollTop + view.log.clientHeight >= view.log.scrollHeight - 4;
            lines = shown(lines).slice(-LOG_LINES_SHOWN);
            view.log.textContent = lines.length ? lines.join('\n') + '\n' : '';
            view.logSection.hidden = lines.length === 0;
            if (atBottom) {
                view.log.scrollTop = view.log.scrollHeight;
            }
        };

        const setProgress = percent => {
            if (typeof percent === 'number') {
                view.bar.value = percent;
                view.percent.textContent = percent + '%';
            }
        };

        const showResults = async () => {
            if (resultsShown) {
                return;
            }
            resultsShown = true;
            const response = await fetch(path + '/results', { headers: JSON_ONLY });
            if (!response.ok) {
                resultsShown = false;
                return;
            }
            const results = await response.json();
            view.results.hidden = false;
            view.results.querySelectorAll('[data-output]').forEach(item => {
                const title = item.dataset.title;
                const value = results[item.dataset.output];
                item.replaceChildren(el('h3', {}, title));
                if (value === undefined) {
                    item.append(el('p', { class: 'hint' }, 'not produced'));
                } else if (value !== null && typeof value === 'object' && typeof value.href === 'string') {
                    const type = value.type || '';
                    // the server's links are absolute, made from the host it was asked for; a proxy in front may have
                    // named another, so the page keeps only the path, on its own origin
                    const own = new URL(value.href, window.location.href);
                    const href = own.pathname + own.search;
                    if (type.startsWith('image/')) {
                        item.append(el('img', { class: 'result-image', src: href, alt: title }));
                    } else if (type.startsWith('text/html')) {
                        // an empty sandbox: no script, no forms, and an origin of its own, so a report cannot read the user's jobs
                        item.append(el('iframe', { class: 'result-report', src: href, title: title, sandbox: '',
                            referrerpolicy: 'no-referrer' }));
                    }
                    item.append(el('p', {}, el('a', { href: href, download: '' }, 'Download')));
                } else {
                    item.append(el('output', { class: 'result-value' }, typeof value === 'string' ? value : JSON.stringify(value)));
                }
            });
        };

        const applyState = doc => {
            root.dataset.status = doc.status;
            view.status.textContent = doc.status;
            view.status.className = 'status status-' + doc.status;
            view.reason.textContent = doc.reason ? '(' + doc.reason + ')' : '';
            view.queue.textContent = queueText(doc);
            view.queue.hidden = view.queue.textContent === '';
            setProgress(doc.status === 'successful' ? 100 : doc.progress);
            view.message.textContent = doc.message || '';
            if (FINAL.includes(doc.status)) {
                finished = true;
                view.cancel.hidden = true;
                if (doc.status === 'successful') {
                    showResults();
                }
            }
        };

        const poll = () => {
            root.dataset.live = 'polling';
            const tick = async () => {
                try {
                    const status = await fetch(path, { headers: JSON_ONLY });
                    if (status.ok) {
                        applyState(await status.json());
                    }
                    const log = await fetch(path + '/log', { headers: { Range: 'bytes=-16384' } });
                    if (log.ok) {
                        const partial = /^bytes [1-9]/.test(log.headers.get('Content-Range') || '');
                        const text = (await log.text()).split('\n');
                        lines = (partial ? text.slice(1) : text).filter((line, i, all) => i < all.length - 1 || line !== '');
                        showLog();
                    }
                } catch (unreachable) {
                    // try again at the next tick
                }
                if (!finished) {
                    setTimeout(tick, 2000);
                }
            };
            tick();
        };

        const follow = () => {
            if (!window.EventSource) {
                poll();
                return;
            }
            const source = new EventSource(path + '/events');
            let failures = 0;
            // data-live says how the page follows the job: a style or a test can tell a live page from a stale one
            source.addEventListener('open', () => {
                root.dataset.live = 'events';
            });
            const heard = () => {
                failures = 0;
            };
            source.addEventListener('state', event => {
                heard();
                const doc = JSON.parse(event.data);
                applyState(doc);
                if (FINAL.includes(doc.status)) {
                    source.close();
                }
            });
            source.addEventListener('progress', event => {
                heard();
                const data = JSON.parse(event.data);
                setProgress(data.progress);
                view.message.textContent = data.message || '';
            });
            source.addEventListener('log', event => {
                heard();
                lines.push(JSON.parse(event.data).line);
                showLog();
            });
            source.addEventListener('log-tail', event => {
                heard();
                lines = JSON.parse(event.data).lines;
                showLog();
            });
            source.onerror = () => {
                if (finished) {
                    source.close();
                    return;
                }
                failures++;
                // the browser retries by itself; after a few failures in a row the stream is given up for polling
                if (source.readyState === EventSource.CLOSED || failures >= 3) {
                    source.close();
                    poll();
                }
            };
        };

        view.cancel.addEventListener('click', async () => {
            view.cancel.disabled = true;
            try {
                // finished=keep: a job that ends meanwhile keeps its results (a plain DELETE would dismiss them)
                const response = await fetch(path + '?finished=keep', { method: 'DELETE', headers: JSON_ONLY });
                const doc = await response.json().catch(() => null);
                if (response.ok && doc) {
                    applyState(doc);
                } else if (doc && doc.detail) {
                    view.message.textContent = doc.detail;
                }
            } finally {
                view.cancel.disabled = false;
            }
        });

        if (finished) {
            if (root.dataset.status === 'successful') {
                showResults();
            }
        } else {
            follow();
        }
    }

    S.on('job', initJob);
}(window.Sluice));
