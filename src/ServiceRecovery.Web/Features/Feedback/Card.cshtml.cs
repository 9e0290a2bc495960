using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceRecovery.Web.Features.Feedback;

/// <summary>
/// The comment card at /feedback/{slug}: public (allowed anonymously in Program.cs), rate-limited per client address,
/// its own layout with no way into the staff pages. Posts are small and few; a filled honeypot gets the thank-you
/// page and stores nothing. Each rendering carries its own form token (<see cref="CardForms"/>): one card per rendered
/// form, and a post without a good token is shown again with what the patient typed and a fresh token.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(ValueCountLimit = 32, ValueLengthLimit = MaxRequestBytes, KeyLengthLimit = 64)]
public sealed class CardModel(IMediator mediator, TimeProvider clock, CardForms forms, IAntiforgery antiforgery,
    Microsoft.Extensions.Options.IOptions<AntiforgeryOptions> antiforgeryOptions, ILogger<CardModel> logger) : AppPageModel
{
    /// <summary>The longest honest card, with every field at its limit and encoded, is well under this.</summary>
    public const int MaxRequestBytes = 32 * 1024;

    /// <summary>A field people never see or reach; software that fills every field fills it.</summary>
    public const string HoneypotField = "website";

    /// <summary>The form token's field; read here, never bound into the command.</summary>
    public const string FormTokenField = "card-form";

    /// <summary>Shown when a post comes without a good form token: expired, forged, or not from this page.</summary>
    public const string ExpiredMessage = "This card had expired or did not come from our page, so it was not sent. Your answers are still here: please check them and press Send again.";

    [BindProperty]
    public CommentCard.Command Input { get; set; } = new();

    [BindProperty(Name = HoneypotField)]
    public string? Honeypot { get; set; }

    [BindProperty(Name = FormTokenField)]
    public string? PostedFormToken { get; set; }

    /// <summary>The token rendered into this form.</summary>
    public string FormToken { get; private set; } = "";

    public CommentCard.Card? Card { get; private set; }

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return CardNotFound();
        }

        Input = new CommentCard.Command { VisitDate = Today };
        return ShowForm(Guid.NewGuid());
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return CardNotFound();
        }

        if (!string.IsNullOrEmpty(Honeypot))
        {
            // The practice id only: nothing the sender typed is logged.
            logger.LogInformation("Comment card for practice {PracticeId} ignored: the honeypot field was filled", Card!.PracticeId);
            return RedirectToPage("/Feedback/Thanks", new { slug = Slug(slug) });
        }

        var form = forms.Read(PostedFormToken, Card!.PracticeId, Request.Form[antiforgeryOptions.Value.FormFieldName].ToString());
        if (form is null)
        {
            ModelState.AddModelError("", ExpiredMessage);
            return ShowForm(Guid.NewGuid());
        }

        if (!ModelState.IsValid)
        {
            return ShowForm(form.IdempotencyKey);
        }

        Input.Slug = Slug(slug);
        Input.IdempotencyKey = form.IdempotencyKey;
        var result = await mediator.Send(Input, cancellationToken);
        if (result.IsNotFound)
        {
            return CardNotFound();
        }

        if (!result.Succeeded)
        {
            ShowErrors(result.Errors, nameof(Input));
            return ShowForm(form.IdempotencyKey);
        }

        // The thank-you says what happens to a formal complaint; the address names no case and no patient.
        return result.Value switch
        {
            CommentCard.Sent.FormalComplaint => RedirectToPage("/Feedback/Thanks", new { slug = Slug(slug), complaint = ThanksModel.Marked }),
            CommentCard.Sent.FormalComplaintRequested => RedirectToPage("/Feedback/Thanks", new { slug = Slug(slug), complaint = ThanksModel.Requested }),
            _ => RedirectToPage("/Feedback/Thanks", new { slug = Slug(slug) }),
        };
    }

    private async Task<bool> LoadAsync(string? slug, CancellationToken cancellationToken)
    {
        Card = await mediator.Send(new CommentCard.CardQuery(slug), cancellationToken);
        if (Card is not null)
        {
            Today = DateOnly.FromDateTime(Card.Locale.ToLocal(clock.GetUtcNow()));
        }

        return Card is not null;
    }

    /// <summary>The card, with a token for the form about to be rendered: bound to that form's own antiforgery token.</summary>
    private PageResult ShowForm(Guid idempotencyKey)
    {
        var antiforgeryToken = antiforgery.GetAndStoreTokens(HttpContext).RequestToken!;
        FormToken = forms.Issue(Card!.PracticeId, idempotencyKey, antiforgeryToken);
        return Page();
    }

    private static string Slug(string slug) => slug.ToLowerInvariant();

    /// <summary>The card's own "not found", in its own layout (the page shows it when there is no card): nothing that leads to the staff pages.</summary>
    private PageResult CardNotFound()
    {
        Card = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
