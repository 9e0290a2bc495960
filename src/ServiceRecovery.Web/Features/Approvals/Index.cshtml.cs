using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceRecovery.Data;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Features.Approvals;

[Authorize(Policy = AppPolicies.Manager)]
public sealed class IndexModel(IMediator mediator) : AppPageModel
{
    public IReadOnlyList<GesturesAwaitingApproval.Row> Rows { get; private set; } = [];

    [BindProperty]
    public DecideGesture.Command Decision { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await mediator.Send(new GesturesAwaitingApproval.Query(), cancellationToken);

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

        Rows = await mediator.Send(new GesturesAwaitingApproval.Query(), cancellationToken);
        return Page();
    }
}
