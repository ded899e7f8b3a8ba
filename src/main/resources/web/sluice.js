// Sluice's pages: "my jobs" on the index, the checks and submission of a task's form, and the live job page.
// Plain JavaScript served by the jar: no build step, no library, nothing loaded from elsewhere.
// Text from the server always goes in through textContent, never as HTML.
'use strict';

(function () {
    const MY_JOBS_KEY = 'sluice.myJobs';
    const MY_JOBS_KEPT = 50;
    const FINAL = ['successful', 'failed', 'dismissed'];
    const LOG_LINES_SHOWN = 500;
    const JSON_ONLY = { Accept: 'application/json' };
    // server.base-path, which the page says on its body; the server's own links already carry it
    const BASE = document.body.dataset.base || '';

    // ---- small helpers

    function el(tag, attributes, children) {
        const node = document.createElement(tag);
        Object.entries(attributes || {}).forEach(([key, value]) => node.setAttribute(key, value));
        [].concat(children === undefined ? [] : children).forEach(child =>
            node.append(child instanceof Node ? child : document.createTextNode(String(child))));
        return node;
    }

    function ordinal(n) {
        const lastTwo = n % 100;
        const suffix = lastTwo >= 11 && lastTwo <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] || 'th');
        return n + suffix;
    }

    // Says it the way the server's QueueText does, so a page reads the same before and after an update.
    function until(milliseconds) {
        const seconds = Math.max(0, Math.floor(milliseconds / 1000));
        if (seconds < 60) {
            return 'less than a minute';
        }
        const minutes = Math.round(seconds / 60);
        return minutes < 90 ? 'about ' + minutes + ' min' : 'about ' + Math.round(minutes / 60) + ' h';
    }

    // Where a job stands: its place in line while it waits, the time it should still take while it runs.
    function queueText(doc) {
        if (doc.status === 'running') {
            return doc.estimatedFinish ? until(Date.parse(doc.estimatedFinish) - Date.now()) + ' left' : '';
        }
        if (!doc.queuePosition) {
            return '';
        }
        const place = ordinal(doc.queuePosition) + ' in line';
        return doc.estimatedStart ? place + ', ' + until(Date.parse(doc.estimatedStart) - Date.now()) + ' until it starts' : place;
    }

    function size(bytes) {
        const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
        let value = bytes;
        let unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (unit === 0 ? String(value) : String(Math.round(value * 100) / 100)) + ' ' + units[unit];
    }

    // ---- my jobs: the ids this browser submitted, kept in localStorage so they survive a reload

    function myJobs() {
        try {
            const list = JSON.parse(localStorage.getItem(MY_JOBS_KEY) || '[]');
            return Array.isArray(list) ? list.filter(job => job && typeof job.id === 'string') : [];
        } catch (unreadable) {
            return [];
        }
    }

    function saveMyJobs(list) {
        try {
            localStorage.setItem(MY_JOBS_KEY, JSON.stringify(list.slice(0, MY_JOBS_KEPT)));
        } catch (full) {
            // private mode or a full storage: the job still runs, it is just not remembered here
        }
    }

    function remember(job) {
        saveMyJobs([job].concat(myJobs().filter(j => j.id !== job.id)));
    }

    function forget(id) {
        saveMyJobs(myJobs().filter(j => j.id !== id));
    }

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
                el('td', {}, el('a', { href: BASE + '/jobs/' + encodeURIComponent(job.id) }, el('code', {}, job.id.slice(0, 8)))),
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

    // ---- the form: the checks written into the page from each input's JSON Schema, then the submission

    function fieldError(form, name) {
        return [...form.querySelectorAll('[data-error-for]')].find(p => p.dataset.errorFor === name);
    }

    function setError(form, name, text) {
        const place = fieldError(form, name);
        if (!place) {
            return false;
        }
        place.textContent = text;
        const field = place.closest('.field');
        if (field) {
            field.classList.toggle('invalid', text !== '');
        }
        return true;
    }

    function imageSize(file) {
        if (!window.createImageBitmap) {
            return Promise.resolve(null);
        }
        return createImageBitmap(file).then(bitmap => {
            const dimensions = { width: bitmap.width, height: bitmap.height };
            bitmap.close();
            return dimensions;
        }, () => null); // a format the browser cannot decode is left to the server
    }

    function accepts(list, file) {
        return list.split(',').map(t => t.trim().toLowerCase()).some(type => {
            if (type.startsWith('.')) {
                return file.name.toLowerCase().endsWith(type);
            }
            if (type.endsWith('/*')) {
                return (file.type || '').toLowerCase().startsWith(type.slice(0, -1));
            }
            return (file.type || '').toLowerCase() === type;
        });
    }

    function isMultiple(value, step) {
        const quotient = value / step;
        return Math.abs(quotient - Math.round(quotient)) < 1e-9;
    }

    async function problemWith(control) {
        const rules = control.dataset;
        const required = rules.required === 'true';
        if (rules.type === 'file') {
            const file = control.files[0];
            if (!file) {
                return required ? 'is required: choose a file' : '';
            }
            if (rules.maxSize && file.size > Number(rules.maxSize)) {
                return 'is ' + size(file.size) + '; its limit is ' + size(Number(rules.maxSize));
            }
            if (rules.accept && !accepts(rules.accept, file)) {
                return 'must be one of: ' + rules.accept.split(',').join(', ');
            }
            if (rules.maxPixels) {
                const image = await imageSize(file);
                if (image && image.width * image.height > Number(rules.maxPixels)) {
                    return 'has ' + image.width + ' × ' + image.height + ' pixels; at most ' + rules.maxPixels + ' are allowed';
                }
            }
            return '';
        }
        if (rules.type === 'boolean') {
            return '';
        }
        const value = control.value;
        if (rules.type === 'number' || rules.type === 'integer') {
            if (control.validity && control.validity.badInput) {
                return 'is not a number';
            }
            if (value === '') {
                return required ? 'is required' : '';
            }
            const number = Number(value);
            if (!Number.isFinite(number)) {
                return 'is not a number';
            }
            if (rules.minimum !== undefined && number < Number(rules.minimum)) {
                return 'must be at least ' + rules.minimum;
            }
            if (rules.maximum !== undefined && number > Number(rules.maximum)) {
                return 'must be at most ' + rules.maximum;
            }
            if (rules.type === 'integer' && !Number.isInteger(number)) {
                return 'must be a whole number';
            }
            if (rules.multipleOf && !isMultiple(number, Number(rules.multipleOf))) {
                return 'must be a multiple of ' + rules.multipleOf;
            }
            return '';
        }
        if (value === '') {
            return required ? 'is required' : '';
        }
        const length = [...value].length;
        if (rules.maxLength && length > Number(rules.maxLength)) {
            return 'is ' + length + ' characters long; at most ' + rules.maxLength + ' are allowed';
        }
        if (rules.pattern) {
            let pattern = null;
            try {
                pattern = new RegExp('^(?:' + rules.pattern + ')$', 'u');
            } catch (notJavaScript) {
                pattern = null; // a pattern only Java understands is checked by the server alone
            }
            if (pattern && !pattern.test(value)) {
                return 'does not match the pattern ' + rules.pattern;
            }
        }
        return '';
    }

    // Builds the request by hand: an unticked box says false (the form would send nothing, and the server's
    // default would win), and an empty optional field is left out so the server's default applies.
    function requestBody(form) {
        const body = new FormData();
        form.querySelectorAll('input[name], select[name], textarea[name]').forEach(control => {
            if (control.type === 'file') {
                if (control.files.length > 0) {
                    body.append(control.name, control.files[0]);
                }
            } else if (control.type === 'checkbox') {
                body.append(control.name, control.checked ? 'true' : 'false');
            } else if (control.value !== '') {
                body.append(control.name, control.value);
            }
        });
        return body;
    }

    function initForm() {
        const form = document.getElementById('task-form');
        if (!form) {
            return;
        }
        const formError = document.getElementById('form-error');
        const button = document.getElementById('submit');
        const controls = () => [...form.querySelectorAll('input[name], select[name], textarea[name]')];
        form.addEventListener('input', event => {
            if (event.target.name) {
                setError(form, event.target.name, '');
            }
        });
        form.addEventListener('change', async event => {
            if (event.target.name) {
                setError(form, event.target.name, await problemWith(event.target));
            }
        });
        form.addEventListener('submit', async event => {
            event.preventDefault();
            formError.textContent = '';
            let first = null;
            for (const control of controls()) {
                const problem = await problemWith(control);
                setError(form, control.name, problem);
                if (problem && !first) {
                    first = control;
                }
            }
            if (first) {
                first.focus();
                return;
            }
            button.disabled = true;
            try {
                // respond-async: the page follows the job live, even for a task that could answer synchronously
                const response = await fetch(form.action, { method: 'POST', body: requestBody(form),
                    headers: Object.assign({ Prefer: 'respond-async' }, JSON_ONLY) });
                const doc = await response.json().catch(() => null);
                if (response.status === 201 && doc && doc.jobID) {
                    remember({ id: doc.jobID, task: form.dataset.task, title: form.dataset.title, submitted: new Date().toISOString() });
                    window.location.assign(BASE + '/jobs/' + encodeURIComponent(doc.jobID));
                    return;
                }
                const detail = doc && (doc.detail || doc.title) ? doc.detail || doc.title : 'the server answered ' + response.status;
                // the problem document names the input at fault; its message goes beside that input
                if (!(doc && doc.input && setError(form, doc.input, detail))) {
                    formError.textContent = detail;
                }
            } catch (unreachable) {
                formError.textContent = 'The server could not be reached: ' + unreachable.message;
            } finally {
                button.disabled = false;
            }
        });
    }

    // ---- the job page: live from the job's event stream, or from its status document where streams fail

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
        let lines = view.log.textContent.split('\n').filter((line, i, all) => i < all.length - 1 || line !== '');
        let finished = FINAL.includes(root.dataset.status);
        let resultsShown = false;

        const showLog = () => {
            const atBottom = view.log.scrollTop + view.log.clientHeight >= view.log.scrollHeight - 4;
            lines = lines.slice(-LOG_LINES_SHOWN);
            view.log.textContent = lines.length ? lines.join('\n') + '\n' : '';
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

    document.addEventListener('DOMContentLoaded', () => {
        // times come in UTC from the server; a person reads them in their own time zone
        document.querySelectorAll('time[datetime]').forEach(time => {
            const at = new Date(time.dateTime);
            if (!Number.isNaN(at.getTime())) {
                time.textContent = at.toLocaleString();
            }
        });
        const page = document.body.dataset.page;
        if (page === 'index') {
            initIndex();
        } else if (page === 'form') {
            initForm();
        } else if (page === 'job') {
            initJob();
        }
    });
}());
