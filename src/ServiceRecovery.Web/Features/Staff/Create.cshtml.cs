using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using ServiceRecovery.Web.Features.Account;

namespace ServiceRecovery.Web.Features.Staff;

[Authorize(Policy = AppPolicies.Manager)]
public sealed class CreateModel(IMediator mediator, ICurrentUser user, AccountLinks links) : AppPageModel
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
            if (result.Value is { Outcome: not CreateStaff.Outcome.Password } done)
            {
                Flash(done.Outcome == CreateStaff.Outcome.Invited
                    ? $"Invitation on its way to {done.Email}. {done.DisplayName} chooses a password from the emailed link, which works once, within {Hours(links.Options.InvitationLifetime)}."
                    : $"{done.Email} already had an account: it is now {StaffRules.Words(done.Role)} at {string.Join(", ", done.Practices)}, and they have been told by email.");
                return RedirectToPage("/Staff/Index");
            }

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

    private static string Hours(TimeSpan lifetime) => $"{lifetime.TotalHours:0.#} hours";

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Practices = await mediator.Send(new CreateStaff.FormQuery(), cancellationToken);
}
