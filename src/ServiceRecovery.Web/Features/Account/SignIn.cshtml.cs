using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Account;

public sealed class SignInModel(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, AuditLog audit, UnusablePasswordCheck unusablePassword, ILogger<SignInModel> logger) : AppPageModel
{
    /// <summary>One message for every failure, so the page never tells whether an account exists.</summary>
    public const string FailureMessage = "That email and password do not match an active account, or the account is locked. Try again or ask your practice manager.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is { IsActive: true } && !await users.IsLockedOutAsync(user))
        {
            var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                logger.LogInformation("Sign-in succeeded for user {UserId}", user.Id);
                await audit.SaveNowAsync(AuditKind.SignInSucceeded, null, "Signed in", user.Id, user.DisplayName);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            }

            logger.LogWarning("Sign-in failed for user {UserId} (locked out: {LockedOut})", user.Id, result.IsLockedOut);
            await audit.SaveNowAsync(AuditKind.SignInFailed, null, result.IsLockedOut ? "Sign-in refused: account locked out" : "Sign-in failed: wrong password", user.Id, user.DisplayName);
        }
        else
        {
            // No account's password is checked, but the same hashing is done, so the answer takes as long as a wrong password's.
            unusablePassword.Verify(users.PasswordHasher, Input.Password);
            logger.LogWarning("Sign-in refused for an unknown, deactivated or locked-out account");
            // For no such account, the address as typed (shortened, never the password), so the audit trail shows guessing.
            var detail = user is null ? $"Sign-in failed: no such account as {AuditLog.AsTyped(Input.Email.Trim())}"
                : user.IsActive ? "Sign-in refused: account locked out" : "Sign-in refused: account deactivated";
            await audit.SaveNowAsync(AuditKind.SignInFailed, null, detail, user?.Id, user?.DisplayName ?? "unknown");
        }

        ModelState.AddModelError("", FailureMessage);
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@practice.com.au.")]
        [MaxLength(254, ErrorMessage = "Enter an email address of at most 254 characters.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [MaxLength(256, ErrorMessage = "Enter a password of at most 256 characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";
    }
}
