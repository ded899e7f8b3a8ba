// The admin page, kept fresh without reloading it (a reload would reset the filters being chosen and interrupt a
// screen reader): every few seconds the same address is read again and each part marked data-live is replaced,
// unless it holds the focus. The replacement is the server's own escaped HTML, parsed inert and never run.
'use strict';

(function (S) {
    const { localTimes } = S;
    const EVERY = 5000;

    async function refresh() {
        if (document.hidden) {
            return;
        }
        try {
            const response = await fetch(window.location.href, { headers: { Accept: 'text/html' } });
            if (!response.ok) {
                return;
            }
            const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
            document.querySelectorAll('[data-live]').forEach(part => {
                const next = fresh.querySelector('[data-live="' + part.dataset.live + '"]');
                if (next && !part.contains(document.activeElement)) {
                    const adopted = document.importNode(next, true);
                    localTimes(adopted);
                    part.replaceWith(adopted);
                }
            });
        } catch (unreachable) {
            // the next round tries again
        }
    }

    S.on('admin', () => setInterval(refresh, EVERY));
}(window.Sluice));
