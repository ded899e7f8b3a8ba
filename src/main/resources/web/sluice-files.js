// A form's file inputs as people expect them: a file can be dropped on its zone, and what was chosen is shown
// (a picture as a preview with its size in pixels) before anything is sent.
'use strict';

(function (S) {
    const { el, size } = S;

    function facts(file, picture) {
        const pixels = picture ? picture.naturalWidth.toLocaleString('en') + ' × ' + picture.naturalHeight.toLocaleString('en')
            + ' pixels · ' : '';
        return file.name + ' · ' + pixels + size(file.size);
    }

    function showChosen(input) {
        const preview = input.closest('.drop-zone').querySelector('.file-preview');
        const old = preview.querySelector('img');
        if (old) {
            URL.revokeObjectURL(old.src);
        }
        preview.replaceChildren();
        const file = input.files[0];
        preview.hidden = !file;
        if (!file) {
            return;
        }
        const text = el('span', { class: 'file-facts' }, facts(file, null));
        if ((file.type || '').startsWith('image/')) {
            const picture = el('img', { class: 'file-thumb', alt: 'Preview of ' + file.name });
            picture.addEventListener('load', () => {
                text.textContent = facts(file, picture);
            });
            // a format this browser cannot show keeps its name and size; the server checks it anyway
            picture.addEventListener('error', () => picture.remove());
            picture.src = URL.createObjectURL(file);
            preview.append(picture);
        }
        preview.append(text);
    }

    function takeDrops(zone, input) {
        zone.addEventListener('dragover', event => {
            event.preventDefault();
            zone.classList.add('dragging');
        });
        zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
        zone.addEventListener('drop', event => {
            event.preventDefault();
            zone.classList.remove('dragging');
            const dropped = event.dataTransfer ? event.dataTransfer.files : null;
            if (!dropped || dropped.length === 0) {
                return;
            }
            // one input takes one file: the first of those dropped
            const one = new DataTransfer();
            one.items.add(dropped[0]);
            input.files = one.files;
            input.dispatchEvent(new Event('change', { bubbles: true }));
        });
    }

    function initFiles() {
        const zones = document.querySelectorAll('.drop-zone');
        zones.forEach(zone => {
            const input = zone.querySelector('input[type=file]');
            takeDrops(zone, input);
            input.addEventListener('change', () => showChosen(input));
        });
        if (zones.length > 0) {
            // a file dropped beside a zone would make the browser leave the form to show it
            window.addEventListener('dragover', event => event.preventDefault());
            window.addEventListener('drop', event => event.preventDefault());
        }
    }

    S.on('form', initFiles);
}(window.Sluice));
