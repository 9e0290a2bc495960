using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Huddle;

/// <summary>Managers issue, renew and revoke the display link of a practice's huddle board for the staff-room TV.</summary>
[Authorize(Policy = AppPolicies.Manager)]
public sealed class DisplayLinkModel(IMediator mediator) : AppPageModel
{
    public DisplayLinkStatus.View Status { get; private set; } = null!;

    /// <summary>The full link, only in the response to issuing it: it is not stored and cannot be shown again.</summary>
    public string? NewLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? practice, CancellationToken cancellationToken) =>
        await LoadAsync(practice, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostIssueAsync(Guid practice, CancellationToken cancellationToken)
    {
        return await ShowAsync(await mediator.Send(new IssueDisplayLink.Command(practice), cancellationToken), Shown<string>(practice, async token =>
        {
            // Shown in this response rather than after a redirect, so the token never travels in TempData or a URL of ours.
            NewLink = $"{Request.Scheme}://{Request.Host}{Url.Page("/Huddle/Display", new { token })}";
            return await LoadAsync(practice, cancellationToken) ? Page() : NotFound();
        }), cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid practice, CancellationToken cancellationToken)
    {
        return await ShowAsync(await mediator.Send(new RevokeDisplayLink.Command(practice), cancellationToken), Shown<Unit>(practice, _ =>
            Flashed("Display link revoked. A screen showing it stops showing the board at its next refresh, within a minute.", RedirectToPage(new { practice }))),
            cancellationToken);
    }

    private Outcome<T> Shown<T>(Guid practice, Func<T, Task<IActionResult>> done) => new()
    {
        Subject = "practice",
        Done = done,
        Reload = ct => LoadAsync(practice, ct),
    };

    private async Task<bool> LoadAsync(Guid? practice, CancellationToken cancellationToken)
    {
        BoardView.NoStore(Response);
        var status = await mediator.Send(new DisplayLinkStatus.Query(practice), cancellationToken);
        if (status is null)
        {
            return false;
        }

        Status = status;
        return true;
    }
}
