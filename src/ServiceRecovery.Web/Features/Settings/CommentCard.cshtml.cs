using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceRecovery.Web.Features.GettingStarted;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Settings;

/// <summary>
/// The comment card to print and place at reception: the practice's name, a line of text and the QR code of the
/// card's address; the QR code alone as a PNG (<c>?handler=Png</c>). Managers, for their own practices.
/// </summary>
[Authorize(Policy = AppPolicies.Manager)]
public sealed class CommentCardModel(IMediator mediator, PublicAddress publicAddress) : AppPageModel
{
    [BindProperty(SupportsGet = true, Name = "practice")]
    public Guid? PracticeId { get; set; }

    /// <summary>"A4", or anything else for A5.</summary>
    [BindProperty(SupportsGet = true, Name = "size")]
    public string? Size { get; set; }

    public bool IsA4 => string.Equals(Size, "A4", StringComparison.OrdinalIgnoreCase);

    public CommentCardPrint.View View { get; private set; } = null!;

    /// <summary>The comment card's absolute address: what the QR code holds.</summary>
    public string Address { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        // The getting-started checklist's "Print the comment card": the printable card has been opened.
        await mediator.Send(new RecordChecklistMark.Command(View.PracticeId, ChecklistMarkKind.CommentCardOpened), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetPngAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken)
            ? File(CommentCardPrint.QrPng(Address), "image/png", $"comment-card-{View.Slug}.png")
            : NotFound();

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var view = await mediator.Send(new CommentCardPrint.Query(PracticeId), cancellationToken);
        if (view is null)
        {
            return false;
        }

        View = view;
        Address = publicAddress.CommentCard(Request, view.Slug);
        return true;
    }
}
