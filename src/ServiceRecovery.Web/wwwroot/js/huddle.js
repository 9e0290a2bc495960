// The huddle board refreshes itself: every minute it fetches the panels alone (the board's refresh address) and
// swaps them in place, so the TV never goes white. When the fetch fails the old board stays up, marked stale;
// when the sign-in has lapsed or the display link was revoked, the page reloads to show why.
(function () {
    'use strict';

    var board = document.querySelector('[data-huddle-board]');
    if (!board || !window.fetch || !window.DOMParser) { return; }

    var url = board.getAttribute('data-refresh-url');
    var seconds = parseInt(board.getAttribute('data-refresh-seconds'), 10) || 60;
    var busy = false;

    function panels() { return board.querySelector('[data-huddle-panels]'); }

    function markStale(stale) { board.classList.toggle('is-stale', stale); }

    // A manager about to press "Shared at today's huddle" keeps the form they are looking at.
    function userIsBusy() {
        var active = document.activeElement;
        var current = panels();
        return !!(active && current && active !== document.body && current.contains(active) && active.closest('form'));
    }

    function refresh() {
        if (busy || !url || document.hidden || userIsBusy()) { return; }
        busy = true;
        fetch(url, { credentials: 'same-origin', cache: 'no-store', redirect: 'manual', headers: { 'Accept': 'text/html' } })
            .then(function (response) {
                // A redirect (sign-in lapsed) or 404 (link revoked): show the full page's answer instead of stale numbers.
                if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403 || response.status === 404) {
                    window.location.reload();
                    return null;
                }
                if (!response.ok) { throw new Error('HTTP ' + response.status); }
                return response.text();
            })
            .then(function (html) {
                if (html === null) { return; }
                var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-huddle-panels]');
                var current = panels();
                if (!fresh || !current) { throw new Error('No panels in the response'); }
                current.replaceWith(document.importNode(fresh, true));
                markStale(false);
            })
            .catch(function () { markStale(true); })
            .then(function () { busy = false; });
    }

    window.setInterval(refresh, seconds * 1000);
    // A screen that wakes up (or a tab brought back) catches up at once.
    document.addEventListener('visibilitychange', function () { if (!document.hidden) { refresh(); } });
})();
