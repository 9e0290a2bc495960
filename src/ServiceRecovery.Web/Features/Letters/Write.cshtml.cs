using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Letters;

/// <summary>
/// The compose page from the case: a template filled with the case's values into an editable subject and text, then
/// Send email (when the patient may be emailed) or Print letter. The form carries the case's version, as every case edit does.
/// </summary>
public sealed class WriteModel(IMediator mediator) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    /// <summary>The template to fill the words from (a GET from the picker).</summary>
    [BindProperty(SupportsGet = true, Name = "template")] public string? Template { get; set; }

    [BindProperty(SupportsGet = true, Name = "purpose")] public LetterPurpose? Purpose { get; set; }

    [BindProperty] public WriteToPatient.Command Letter { get; set; } = new();

    public WriteToPatient.View View { get; private set; } = null!;

    /// <summary>Why the chosen template could not be filled in, if it could not.</summary>
    public string? FillError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var purpose = Purpose is { } p && Enum.IsDefined(p) ? p : LetterPurpose.PersonalContact;
        var choice = View.Templates.FirstOrDefault(t => t.Key == Template)
                     ?? View.Templates.FirstOrDefault(t => t.Kind == KindFor(purpose))
                     ?? (View.Templates.Count > 0 ? View.Templates[0] : null);
        Letter = new WriteToPatient.Command { Purpose = purpose, Version = View.Version, TemplateKey = choice?.Key };
        if (choice is not null)
        {
            try
            {
                Letter.Subject = LetterRenderer.Render(choice.Subject, View.Fields, LetterFormat.Text, "Subject");
                Letter.Text = LetterRenderer.Render(choice.Body, View.Fields, LetterFormat.Text);
            }
            catch (DomainRuleException refused)
            {
                FillError = refused.Message;
            }
        }

        return Page();
    }

    /// <summary>The template kind a purpose starts from: the complaint letters have their own.</summary>
    public static LetterKind KindFor(LetterPurpose purpose) => purpose switch
    {
        LetterPurpose.Outcome => LetterKind.Outcome,
        LetterPurpose.ComplaintAcknowledgement => LetterKind.ComplaintAcknowledgement,
        LetterPurpose.ComplaintResponse => LetterKind.ComplaintResponse,
        _ => LetterKind.Apology,
    };

    public Task<IActionResult> OnPostSendAsync(CancellationToken cancellationToken) => SendAsync(LetterChannel.Email, cancellationToken);

    public Task<IActionResult> OnPostPrintAsync(CancellationToken cancellationToken) => SendAsync(LetterChannel.Letter, cancellationToken);

    private async Task<IActionResult> SendAsync(LetterChannel channel, CancellationToken cancellationToken)
    {
        Letter.CaseId = Id;
        Letter.Channel = channel;
        return await SendAsync(mediator, Letter, new Outcome<Guid>
        {
            Subject = "case",
            Prefix = nameof(Letter),
            Done = letterId => channel == LetterChannel.Email
                ? Flashed("Email to the patient queued; its delivery status shows on the case.", Redirect($"/cases/{Id}"))
                : Flashed("Letter recorded on the case. Print it now.", Redirect($"/cases/{Id}/letters/{letterId}")),
            Reload = async ct =>
            {
                if (!await LoadAsync(ct))
                {
                    return false;
                }

                // The words typed stay; after a conflict the form carries the fresh version.
                ModelState.Remove($"{nameof(Letter)}.{nameof(Letter.Version)}");
                Letter.Version = View.Version;
                return true;
            },
        }, cancellationToken);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await mediator.Send(new WriteToPatient.Query(Id), cancellationToken) is not { } view)
        {
            return false;
        }

        View = view;
        return true;
    }
}
