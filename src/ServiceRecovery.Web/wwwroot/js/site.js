// Keyboard shortcut: N opens "Log a defect" from any page, unless the user is typing in a field.
(function () {
    'use strict';

    document.addEventListener('keydown', function (event) {
        if (event.key !== 'n' && event.key !== 'N') { return; }
        if (event.ctrlKey || event.metaKey || event.altKey) { return; }
        var target = event.target;
        var tag = target && target.tagName ? target.tagName.toLowerCase() : '';
        if (tag === 'input' || tag === 'textarea' || tag === 'select' || (target && target.isContentEditable)) { return; }
        var link = document.getElementById('log-defect-button');
        if (link) {
            event.preventDefault();
            window.location.assign(link.getAttribute('href'));
        }
    });

    // After a failed submit, move focus to the error summary so screen readers announce it.
    document.addEventListener('DOMContentLoaded', function () {
        var summary = document.querySelector('[data-focus-on-load]');
        if (summary) { summary.focus(); }
    });

    // Prevent a double click from submitting a form twice; the server also de-duplicates.
    document.addEventListener('submit', function (event) {
        var form = event.target;
        if (form.dataset.submitted === 'true') { event.preventDefault(); return; }
        form.dataset.submitted = 'true';
        var buttons = form.querySelectorAll('button[type=submit]');
        buttons.forEach(function (b) { b.setAttribute('aria-disabled', 'true'); });
    });
})();
