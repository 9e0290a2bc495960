using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceRecovery.Web.Features.Cases;

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

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        SendAsync(mediator, Decision, new Outcome<Mediator.Unit>
        {
            Subject = "case",
            Prefix = nameof(Decision),
            KeepsInput = false,
            Done = _ => Flashed(Decision.Approve ? "Gesture approved." : "Gesture declined.", RedirectToPage()),
            // The list moves on without it.
            Gone = () => Flashed("That case is no longer available.", RedirectToPage()),
            Reload = async ct =>
            {
                await LoadAsync(ct);
                return true;
            },
        }, cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Rows = await mediator.Send(new GesturesAwaitingApproval.Query(), cancellationToken);
        Requests = await mediator.Send(new RequestsAwaitingDecision.Query(), cancellationToken);
    }
}
