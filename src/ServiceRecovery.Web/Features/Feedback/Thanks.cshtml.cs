using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Feedback;

/// <summary>
/// The same thank-you for every card, whatever happened to it (stored, a repeat, or a filled honeypot): it names the
/// practice and says nothing about its cases.
/// </summary>
public sealed class ThanksModel(IMediator mediator) : AppPageModel
{
    /// <summary>Null for an unknown address: the page then says "not found", in the card's layout.</summary>
    public string? PracticeName { get; private set; }

    public string Slug { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
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
        return Page();
    }
}
