using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Letters;

/// <summary>One template's editor: name, subject and body with the merge fields, a live preview, and every version saved.</summary>
[Authorize(Policy = AppPolicies.Manager)]
public sealed class EditModel(IMediator mediator) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }

    [BindProperty(SupportsGet = true, Name = "practice")] public Guid? PracticeId { get; set; }

    [BindProperty] public SaveLetterTemplate.Command Template { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "case")] public Guid? PreviewCaseId { get; set; }

    public LetterTemplateForEdit.View? View { get; private set; }

    public string PracticeName { get; private set; } = "";

    public PracticeLocale Locale { get; private set; } = new("UTC", "en-GB", "GBP");

    public override PracticeLocale? ConflictLocale => Locale;

    public IReadOnlyList<LetterTemplateForEdit.PreviewCase> Cases { get; private set; } = [];

    public PreviewLetter.Preview? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Template = View is { } view ? SaveLetterTemplate.Command.From(view.Template) : new SaveLetterTemplate.Command { PracticeId = PracticeId!.Value };
        await PreviewAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        Template.TemplateId = Id;
        return await SendAsync(mediator, Template, new Outcome<Guid>
        {
            Subject = "template",
            Prefix = nameof(Template),
            Done = id => Flashed("Template saved.", RedirectToPage(null, new { id })),
            Reload = async ct => await LoadAsync(ct) && await PreviewAsync(ct),
        }, cancellationToken);
    }

    /// <summary>The preview without script: the page again, with what was typed filled in.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        return await LoadAsync(cancellationToken) && await PreviewAsync(cancellationToken) ? Page() : NotFound();
    }

    /// <summary>The live preview's fetch, as one types.</summary>
    public async Task<IActionResult> OnPostPreviewJsonAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        await PreviewAsync(cancellationToken);
        return new JsonResult(Preview);
    }

    public async Task<IActionResult> OnPostArchiveAsync(CancellationToken cancellationToken) =>
        await SendAsync(mediator, new ArchiveLetterTemplate.Command { PracticeId = Template.PracticeId, TemplateId = Id ?? Guid.Empty, Version = Template.Version }, new Outcome<Unit>
        {
            Subject = "template",
            Done = _ => Flashed("Template archived. It is kept with its versions and no longer offered.", RedirectToPage("Index", new { practice = Template.PracticeId })),
            Reload = async ct => await LoadAsync(ct) && await PreviewAsync(ct),
        }, cancellationToken);

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            if (await mediator.Send(new LetterTemplateForEdit.Query(id), cancellationToken) is not { } view)
            {
                return false;
            }

            View = view;
            PracticeId = view.Template.PracticeId;
            PracticeName = view.PracticeName;
            Locale = view.Locale;
            Cases = view.Cases;
            return true;
        }

        if (await mediator.Send(new Settings.PracticeSettings.Query(PracticeId), cancellationToken) is not { } practice)
        {
            return false;
        }

        PracticeId = practice.Practice.Id;
        PracticeName = practice.Practice.Name;
        Locale = practice.Practice.Locale;
        return true;
    }

    private async Task<bool> PreviewAsync(CancellationToken cancellationToken)
    {
        Preview = await mediator.Send(new PreviewLetter.Query(PracticeId!.Value, PreviewCaseId, Template.Subject, Template.Body), cancellationToken);
        return Preview is not null;
    }
}
