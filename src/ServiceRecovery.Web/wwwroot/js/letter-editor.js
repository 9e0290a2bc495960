// The letter template editor's live preview: as one types, the form is posted to the preview handler (debounced) and the
// preview panel updated. Without script the Preview button does the same with a full page.
(() => {
    const form = document.getElementById('template-form');
    if (!form) return;
    const body = document.getElementById('Template_Body');
    let timer;
    const show = (id, text) => { document.getElementById(id).textContent = text ?? ''; };
    const refresh = async () => {
        const data = new FormData(form);
        const url = new URL(form.action || location.href, location.href);
        url.searchParams.set('handler', 'PreviewJson');
        const response = await fetch(url, { method: 'POST', body: data, headers: { 'Accept': 'application/json' } });
        if (!response.ok) return;
        const preview = await response.json();
        const error = document.getElementById('preview-error');
        error.hidden = !preview.error;
        error.textContent = preview.error ?? '';
        if (preview.error) return;
        show('preview-subject', preview.subject);
        show('preview-text', preview.text);
        // The server encoded every value and the template's own words; this is the email's HTML as it will be sent.
        document.getElementById('preview-html').innerHTML = preview.html ?? '';
        show('preview-source', preview.isSample ? 'With sample values: the practice has no case to preview with yet.' : 'With the case chosen.');
    };
    const later = () => { clearTimeout(timer); timer = setTimeout(refresh, 400); };
    form.addEventListener('input', later);
    form.addEventListener('change', later);
    document.querySelectorAll('[data-insert]').forEach(button => button.addEventListener('click', () => {
        const at = body.selectionStart ?? body.value.length;
        body.setRangeText(button.dataset.insert, at, body.selectionEnd ?? at, 'end');
        body.focus();
        later();
    }));
})();
