// A task's form: the checks written into the page from each input's JSON Schema, then the submission.
'use strict';

(function (S) {
    const { JSON_ONLY, BASE, size, remember } = S;

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

    // Shows how much of a request with files has gone, so a large upload is not mistaken for a stuck page.
    function uploadShown(loaded, total) {
        const place = document.getElementById('upload');
        const bar = document.getElementById('upload-bar');
        const percent = total > 0 ? Math.floor(loaded * 100 / total) : 0;
        place.hidden = false;
        bar.value = percent;
        document.getElementById('upload-text').textContent = (loaded >= total ? 'Sent ' + size(total)
            : 'Sending ' + size(loaded) + ' of ' + size(total)) + ' (' + percent + '%)';
    }

    // XMLHttpRequest rather than fetch: only it tells how much of the body has been sent.
    // respond-async: the page follows the job live, even for a task that could answer synchronously.
    function send(form, body) {
        const withFiles = [...body.values()].some(value => value instanceof File);
        return new Promise((resolve, reject) => {
            const request = new XMLHttpRequest();
            request.open('POST', form.action);
            request.setRequestHeader('Prefer', 'respond-async');
            Object.entries(JSON_ONLY).forEach(([name, value]) => request.setRequestHeader(name, value));
            if (withFiles) {
                request.upload.addEventListener('progress', event => {
                    if (event.lengthComputable) {
                        uploadShown(event.loaded, event.total);
                    }
                });
            }
            request.addEventListener('load', () => {
                let doc = null;
                try {
                    doc = JSON.parse(request.responseText);
                } catch (notJson) {
                    doc = null;
                }
                resolve({ status: request.status, doc });
            });
            request.addEventListener('error', () => reject(new Error('the connection failed')));
            request.addEventListener('abort', () => reject(new Error('the request was stopped')));
            request.send(body);
        });
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
                const response = await send(form, requestBody(form));
                const doc = response.doc;
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

    S.on('form', initForm);
}(window.Sluice));
