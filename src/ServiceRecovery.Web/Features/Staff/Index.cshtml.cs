using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;


namespace ServiceRecovery.Web.Features.Staff;

[Authorize(Policy = AppPolicies.Manager)]
public sealed class IndexModel(IMediator mediator, ICurrentUser user) : AppPageModel
{
    [BindProperty(SupportsGet = true, Name = "practice")]
    public Guid? PracticeId { get; set; }

    public StaffList.Result Result { get; private set; } = null!;

    public string? CurrentUserId => user.UserId;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // A malformed practice id in the address is simply no filter.
        ModelState.Clear();
        Result = await mediator.Send(new StaffList.Query(PracticeId), cancellationToken);
    }
}
