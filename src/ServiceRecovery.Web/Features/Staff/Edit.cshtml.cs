using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using ServiceRecovery.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Pipeline;

namespace ServiceRecovery.Web.Features.Staff;

[Authorize(Policy = AppPolicies.Manager)]
public sealed class EditModel(IMediator mediator, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn) : AppPageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public EditStaff.Command Input { get; set; } = new();

    [BindProperty]
    public EditStaff.SetActive Activation { get; set; } = new();

    public EditStaff.View View { get; private set; } = null!;

    /// <summary>The invitation, while the person has no password yet.</summary>
    public InvitationState? Invitation { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        FillForm();
        return Page();
    }

    /// <summary>Saves the role in each practice.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Input.UserId = Id;
        return ModelState.IsValid
            ? await DoneAsync(await mediator.Send(Input, cancellationToken), activation: false, cancellationToken)
            : await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    /// <summary>Deactivates or reactivates the account.</summary>
    public async Task<IActionResult> OnPostActiveAsync(CancellationToken cancellationToken)
    {
        Activation.UserId = Id;
        return await DoneAsync(await mediator.Send(Activation, cancellationToken), activation: true, cancellationToken);
    }

    public Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken) =>
        InvitationDoneAsync(mediator.Send(new Invitations.Resend(Id), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken) =>
        InvitationDoneAsync(mediator.Send(new Invitations.Revoke(Id), cancellationToken), cancellationToken);

    private async Task<IActionResult> InvitationDoneAsync(ValueTask<CommandResult<string>> sending, CancellationToken cancellationToken)
    {
        var result = await sending;
        if (result.IsNotFound)
        {
            return NotFound();
        }

        if (result.Value is { } message)
        {
            Flash(message);
            return RedirectToPage(new { id = Id });
        }

        ShowErrors(result.Errors, nameof(Input));
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        FillForm();
        return Page();
    }

    private async Task<IActionResult> DoneAsync(CommandResult<EditStaff.Changed> result, bool activation, CancellationToken cancellationToken)
    {
        if (result.IsNotFound)
        {
            return NotFound();
        }

        if (result.Value is { } changed)
        {
            if (changed.ChangedSelf && changed.Summary is not null && await users.FindByIdAsync(Id) is { } me)
            {
                // Editing your own practices renews your stamp too; keep this session, with the new practices in it.
                await signIn.RefreshSignInAsync(me);
            }

            Flash(changed.Summary is null ? $"Nothing to change for {changed.DisplayName}."
                : !activation ? $"{changed.DisplayName}: {changed.Summary}. Any sessions they had open have ended; they sign in again to pick up the change."
                : Activation.Active ? $"{changed.DisplayName} reactivated. They can sign in again with their password."
                : $"{changed.DisplayName} deactivated. They are signed out and can no longer sign in.");
            return RedirectToPage(new { id = Id });
        }

        if (result.Conflict is not null)
        {
            // Show the latest, as another manager left it, rather than what this form was built from.
            ModelState.Clear();
            if (!await LoadAsync(cancellationToken))
            {
                return NotFound();
            }

            FillForm();
            ModelState.AddModelError("", StaffRules.ChangedBySomeoneElse);
            return Page();
        }

        ShowErrors(result.Errors, nameof(Input));
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (activation)
        {
            // That post carried no role or practices: show them as they are.
            FillForm();
        }

        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        View = (await mediator.Send(new EditStaff.Query(Id), cancellationToken))!;
        if (View is null)
        {
            return false;
        }

        Invitation = await mediator.Send(new Invitations.StatusQuery(Id), cancellationToken);
        return true;
    }

    private void FillForm() => Input = new EditStaff.Command
    {
        UserId = View.UserId,
        ConcurrencyStamp = View.ConcurrencyStamp,
        Roles = View.Practices.Where(p => p.ReadOnlyReason is null)
            .ToDictionary(p => p.PracticeId, p => (string?)(p.Role is { } role ? Roles.Name(role) : EditStaff.NotAMember)),
    };
}
