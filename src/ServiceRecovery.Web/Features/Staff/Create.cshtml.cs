using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using ServiceRecovery.Data;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Features.Staff;

[Authorize(Policy = AppPolicies.Manager)]
public sealed class CreateModel(IMediator mediator, ICurrentUser user) : AppPageModel
{
    [BindProperty]
    public CreateStaff.Command Input { get; set; } = new();

    public IReadOnlyList<PracticeChoice> Practices { get; private set; } = [];

    /// <summary>The roles the person grants in at least one practice they manage; the command checks each chosen practice.</summary>
    public IReadOnlyList<string> GrantableRoles => StaffRules.GrantableBy(user.PracticeIds.Select(user.RoleIn).Max());

    /// <summary>Set only in the response to a successful post: the one place the first password is ever shown.</summary>
    public CreateStaff.Created? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Input.Role = Roles.FrontDesk;
        if (Practices.Count == 1)
        {
            Input.PracticeIds = [Practices[0].Id];
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await mediator.Send(Input, cancellationToken);
            if (result.Succeeded)
            {
                // Rendered, not redirected: the password never travels in a cookie or an address, and is not cached.
                Response.Headers.CacheControl = "no-store";
                Created = result.Value;
                return Page();
            }

            ShowErrors(result.Errors, nameof(Input));
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Practices = await mediator.Send(new CreateStaff.FormQuery(), cancellationToken);
}
