using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceRecovery.Web.Features.Feedback;

/// <summary>
/// The comment card at /feedback/{slug}: public (allowed anonymously in Program.cs), rate-limited per client address,
/// its own layout with no way into the staff pages. Posts are small and few; a filled honeypot gets the thank-you
/// page and stores nothing.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(ValueCountLimit = 32, ValueLengthLimit = MaxRequestBytes, KeyLengthLimit = 64)]
public sealed class CardModel(IMediator mediator, TimeProvider clock, ILogger<CardModel> logger) : AppPageModel
{
    /// <summary>The longest honest card, with every field at its limit and encoded, is well under this.</summary>
    public const int MaxRequestBytes = 32 * 1024;

    /// <summary>A field people never see or reach; software that fills every field fills it.</summary>
    public const string HoneypotField = "website";

    [BindProperty]
    public CommentCard.Command Input { get; set; } = new();

    [BindProperty(Name = HoneypotField)]
    public string? Honeypot { get; set; }

    public CommentCard.Card? Card { get; private set; }

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return CardNotFound();
        }

        Input = new CommentCard.Command { IdempotencyKey = Guid.NewGuid(), VisitDate = Today };
        return Page();
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

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Input.Slug = Slug(slug);
        var result = await mediator.Send(Input, cancellationToken);
        if (result.IsNotFound)
        {
            return CardNotFound();
        }

        if (!result.Succeeded)
        {
            ShowErrors(result.Errors, nameof(Input));
            return Page();
        }

        return RedirectToPage("/Feedback/Thanks", new { slug = Slug(slug) });
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

    private static string Slug(string slug) => slug.ToLowerInvariant();

    /// <summary>The card's own "not found", in its own layout (the page shows it when there is no card): nothing that leads to the staff pages.</summary>
    private PageResult CardNotFound()
    {
        Card = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
