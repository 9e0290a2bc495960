using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Feedback;

/// <summary>
/// The same thank-you for every card, whatever happened to it (stored, a repeat, or a filled honeypot): it names the
/// practice and says nothing about its cases. A card that asked for a formal complaint is told the practice treats it
/// as one and will acknowledge it (in how long only when the practice's rules set it).
/// </summary>
public sealed class ThanksModel(IMediator mediator) : AppPageModel
{
    /// <summary>Null for an unknown address: the page then says "not found", in the card's layout.</summary>
    public string? PracticeName { get; private set; }

    public string Slug { get; private set; } = "";

    /// <summary>The card asked for a formal complaint and the case is marked as one.</summary>
    public const string Marked = "marked";

    /// <summary>The card asked for a formal complaint; the practice will mark it.</summary>
    public const string Requested = "asked";

    /// <summary>Whether the card asked for a formal complaint (<see cref="Marked"/> or <see cref="Requested"/>); anything else is a plain card.</summary>
    public string? Complaint { get; private set; }

    /// <summary>How soon the practice acknowledges it, when the complaint is marked on the practice's rules.</summary>
    public string? AcknowledgeWithin { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? complaint, CancellationToken cancellationToken)
    {
        var card = await mediator.Send(new CommentCard.CardQuery(slug), cancellationToken);
        if (card is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Response.Headers.CacheControl = "no-store";
        PracticeName = card.PracticeName;
        Slug = slug.ToLowerInvariant();
        Complaint = complaint is Marked or Requested ? complaint : null;
        // A date is promised only for a complaint marked on the practice's rules.
        AcknowledgeWithin = Complaint == Marked ? card.AcknowledgeWithin : null;
        return Page();
    }
}
