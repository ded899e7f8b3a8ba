// Sluice's pages: what every page's script shares (a few helpers, the jobs this browser submitted) and the start
// of each page's part (sluice-index.js, sluice-form.js, sluice-files.js, sluice-job.js, sluice-admin.js), which the
// page loads after this file. Plain JavaScript served by the jar: no build step, no library, nothing loaded from elsewhere.
// Text from the server always goes in through textContent, never as HTML.
'use strict';

window.Sluice = (function () {
    const MY_JOBS_KEY = 'sluice.myJobs';
    const MY_JOBS_KEPT = 50;
    const FINAL = ['successful', 'failed', 'dismissed'];
    const JSON_ONLY = { Accept: 'application/json' };
    // server.base-path, which the page says on its body; the server's own links already carry it
    const BASE = document.body.dataset.base || '';
    const starts = {};

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

    // times come in UTC from the server; a person reads them in their own time zone
    function localTimes(root) {
        root.querySelectorAll('time[datetime]').forEach(time => {
            const at = new Date(time.dateTime);
            if (!Number.isNaN(at.getTime())) {
                time.textContent = at.toLocaleString();
            }
        });
    }

    document.addEventListener('DOMContentLoaded', () => {
        localTimes(document);
        (starts[document.body.dataset.page] || []).forEach(start => start());
    });

    return {
        FINAL, JSON_ONLY, BASE, el, ordinal, until, queueText, size, myJobs, remember, forget, localTimes,
        // a page's part says what to start once the page is loaded
        on(page, start) {
            (starts[page] = starts[page] || []).push(start);
        }
    };
}());
