using Microsoft.AspNetCore.Mvc;
using ServiceRecovery.Web.Features.Settings;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Letters;

/// <summary>A letter to the patient as recorded, ready to print (again): letterhead, date, name, the words, the comment card's link and QR code.</summary>
public sealed class LetterModel(IMediator mediator, PublicAddress publicAddress) : AppPageModel
{
    public PatientLetterPrint.View View { get; private set; } = null!;

    /// <summary>The comment card's absolute address, printed and in the QR code.</summary>
    public string CardAddress { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid letterId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, letterId, cancellationToken))
        {
            return NotFound();
        }

        return Page();
    }

    /// <summary>The comment card's QR code as a PNG, for the letter's foot.</summary>
    public async Task<IActionResult> OnGetQrAsync(Guid id, Guid letterId, CancellationToken cancellationToken) =>
        await LoadAsync(id, letterId, cancellationToken) ? File(CommentCardPrint.QrPng(CardAddress), "image/png") : NotFound();

    private async Task<bool> LoadAsync(Guid id, Guid letterId, CancellationToken cancellationToken)
    {
        if (await mediator.Send(new PatientLetterPrint.Query(id, letterId), cancellationToken) is not { } view)
        {
            return false;
        }

        View = view;
        CardAddress = publicAddress.CommentCard(Request, view.PracticeSlug);
        return true;
    }
}
