using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;


namespace ServiceRecovery.Web.Features.Account;

/// <summary>
/// The page an invitation or reset link opens: the person chooses a password under the password rules and is signed in.
/// The token arrives in the query string (never logged) and is posted back in a hidden field; it is used once, at the
/// moment the password is saved. Setting the password renews the security stamp, which ends the account's other sessions.
/// Every other outcome (used, expired, revoked, forged, deactivated) is a plain page saying what to do.
/// </summary>
public sealed class SetPasswordModel(
    AccountLinks links, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, AppDbContext db, AuditLog audit,
    IOptions<IdentityOptions> identity, ILogger<SetPasswordModel> logger) : AppPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public LinkState State { get; private set; }

    public AccountTokenPurpose Purpose { get; private set; }

    public string DisplayName { get; private set; } = "";

    public string Email { get; private set; } = "";

    public string PolicyText => ChangePasswordModel.DescribePolicy(identity.Value.Password);

    /// <summary>What the page says when the link cannot be used.</summary>
    public string Problem => (State, Purpose) switch
    {
        (LinkState.Used, AccountTokenPurpose.Invitation) => "This invitation link has already been used. Sign in with the password you chose, or use \"Forgot your password?\" on the sign-in page.",
        (LinkState.Used, _) => "This reset link has already been used. Sign in with your new password, or ask for another link.",
        (LinkState.Expired, AccountTokenPurpose.Invitation) => "This invitation link has run out. Ask your practice manager to send you a new one.",
        (LinkState.Expired, _) => "This reset link has run out (they work for one hour). Ask for a new one below.",
        (LinkState.Revoked, AccountTokenPurpose.Invitation) => "This invitation link no longer works: a newer one was sent, or the invitation was withdrawn. Use the newest email, or ask your practice manager.",
        (LinkState.Revoked, _) => "This reset link no longer works because a newer one was sent. Use the newest email, or ask for another link.",
        (LinkState.AccountDeactivated, _) => "This account is deactivated, so its password cannot be set. Ask your practice manager.",
        _ => "This link is not one we sent, or it was copied incompletely. Open it from the email again, or ask for a new one.",
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await CheckAsync(cancellationToken);
        return Answer();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (row, account) = await CheckAsync(cancellationToken);
        if (State != LinkState.Usable || !ModelState.IsValid)
        {
            return Answer();
        }

        // The rules first, so a refused password leaves the link working for the next try.
        foreach (var validator in users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, account!, Input.NewPassword);
            foreach (var error in checkedPassword.Errors)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.NewPassword)}", error.Description);
            }
        }

        if (!ModelState.IsValid)
        {
            return Answer();
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Only one request can use the link; a second one, even at the same moment, finds it used.
            if (!await links.TryUseAsync(row!.Id, cancellationToken))
            {
                State = LinkState.Used;
                return Answer();
            }

            if (account!.PasswordHash is not null)
            {
                await users.RemovePasswordAsync(account);
            }

            // Renews the security stamp: every other session of the account ends at its next request.
            var saved = await users.AddPasswordAsync(account, Input.NewPassword);
            if (!saved.Succeeded)
            {
                foreach (var error in saved.Errors)
                {
                    ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.NewPassword)}", error.Description);
                }

                return Answer();
            }

            account.EmailConfirmed = true;
            await users.UpdateAsync(account);
            await users.ResetAccessFailedCountAsync(account);
            await users.SetLockoutEndDateAsync(account, null);
            audit.Add(AuditKind.PasswordSetByLink, Purpose == AccountTokenPurpose.Invitation ? row.PracticeId : null,
                Purpose == AccountTokenPurpose.Invitation ? $"{account.DisplayName} accepted the invitation and chose a password" : $"{account.DisplayName} reset their password by email link",
                account.Id, account.DisplayName);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Password set from an emailed link for user {UserId}", account.Id);
        await signIn.SignInAsync(account, isPersistent: false);
        Flash(Purpose == AccountTokenPurpose.Invitation ? $"Welcome, {account.DisplayName}. Your password is set and you are signed in." : "Your password is changed and you are signed in. Any other sessions have been signed out.");
        return LocalRedirect("/");
    }

    private async Task<(AccountToken? Row, ApplicationUser? Account)> CheckAsync(CancellationToken cancellationToken)
    {
        var (row, account, state) = await links.CheckAsync(Token, cancellationToken);
        State = state;
        Purpose = row?.Purpose ?? AccountTokenPurpose.PasswordReset;
        DisplayName = account?.DisplayName ?? "";
        Email = account?.Email ?? "";
        return (row, account);
    }

    private PageResult Answer()
    {
        // The token is in the address and the form: never cached, never sent on as a referrer (SecurityHeaders: no-referrer).
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a new password.")]
        [MaxLength(256, ErrorMessage = "Enter a password of at most 256 characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Type the new password again.")]
        [Compare(nameof(NewPassword), ErrorMessage = "The two passwords differ. Type the same password in both.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password again")]
        public string ConfirmPassword { get; set; } = "";
    }
}
