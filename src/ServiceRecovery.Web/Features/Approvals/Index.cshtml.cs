using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceRecovery.Data;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Features.Approvals;

[Authorize(Policy = AppPolicies.Manager)]
public sealed class IndexModel(IMediator mediator, ICurrentUser user) : AppPageModel
{
    public IReadOnlyList<GesturesAwaitingApproval.Row> Rows { get; private set; } = [];

    /// <summary>Front desk's requests to withdraw a case or skip Say sorry, decided on each case's page.</summary>
    public IReadOnlyList<RequestsAwaitingDecision.Row> Requests { get; private set; } = [];

    /// <summary>The signed-in user, so the page offers no decision on their own gesture or request.</summary>
    public string? UserId => user.UserId;

    [BindProperty]
    public DecideGesture.Command Decision { get; set; } = new();

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await mediator.Send(Decision, cancellationToken);
            if (result.Succeeded || result.IsNotFound)
            {
                Flash(result.IsNotFound ? "That case is no longer available." : Decision.Approve ? "Gesture approved." : "Gesture declined.");
                return RedirectToPage();
            }

            ShowErrors(result.Errors, nameof(Decision));
            if (result.Conflict is { } conflict)
            {
                ModelState.AddModelError("", $"That case was changed by {conflict.ChangedBy} just now. The list shows the latest; decide again.");
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Rows = await mediator.Send(new GesturesAwaitingApproval.Query(), cancellationToken);
        Requests = await mediator.Send(new RequestsAwaitingDecision.Query(), cancellationToken);
    }
}
