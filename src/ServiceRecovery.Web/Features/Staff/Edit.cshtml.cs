using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

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
        return await SendAsync(mediator, Input, Edited(activation: false), cancellationToken);
    }

    /// <summary>Deactivates or reactivates the account.</summary>
    public async Task<IActionResult> OnPostActiveAsync(CancellationToken cancellationToken)
    {
        Activation.UserId = Id;
        return await ShowAsync(await mediator.Send(Activation, cancellationToken), Edited(activation: true), cancellationToken);
    }

    public Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken) =>
        InvitationDoneAsync(mediator.Send(new Invitations.Resend(Id), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken) =>
        InvitationDoneAsync(mediator.Send(new Invitations.Revoke(Id), cancellationToken), cancellationToken);

    private async Task<IActionResult> InvitationDoneAsync(ValueTask<CommandResult<string>> sending, CancellationToken cancellationToken) =>
        await ShowAsync(await sending, new Outcome<string>
        {
            Subject = "account",
            Prefix = nameof(Input),
            Done = message => Flashed(message, RedirectToPage(new { id = Id })),
            Reload = ct => ReloadAsync(fill: true, ct),
        }, cancellationToken);

    /// <summary>
    /// The roles form keeps what was typed when it is refused; after the activation form, or a conflict, the form shows the
    /// account as it is now (that post carried no roles, or they are stale).
    /// </summary>
    private Outcome<EditStaff.Changed> Edited(bool activation) => new()
    {
        Subject = "account",
        Prefix = nameof(Input),
        KeepsInput = false,
        Done = changed => ChangedAsync(changed, activation),
        Reload = ct => ReloadAsync(fill: activation || Conflict is not null, ct),
    };

    private async Task<IActionResult> ChangedAsync(EditStaff.Changed changed, bool activation)
    {
        if (changed.ChangedSelf && changed.Summary is not null && await users.FindByIdAsync(Id) is { } me)
        {
            // Editing your own practices renews your stamp too; keep this session, with the new practices in it.
            await signIn.RefreshSignInAsync(me);
        }

        return await Flashed(changed.Summary is null ? $"Nothing to change for {changed.DisplayName}."
            : !activation ? $"{changed.DisplayName}: {changed.Summary}. Any sessions they had open have ended; they sign in again to pick up the change."
            : Activation.Active ? $"{changed.DisplayName} reactivated. They can sign in again with their password."
            : $"{changed.DisplayName} deactivated. They are signed out and can no longer sign in.", RedirectToPage(new { id = Id }));
    }

    private async Task<bool> ReloadAsync(bool fill, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return false;
        }

        if (fill)
        {
            FillForm();
        }

        return true;
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
