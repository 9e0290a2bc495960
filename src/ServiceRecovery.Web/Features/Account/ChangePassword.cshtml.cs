using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;


namespace ServiceRecovery.Web.Features.Account;

/// <summary>
/// Any signed-in user replaces their password (the first one a manager handed over, or any later one). Success
/// renews the security stamp, which ends the user's other sessions; this one is refreshed so it carries on.
/// </summary>
public sealed class ChangePasswordModel(
    UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, AuditLog audit, IOptions<IdentityOptions> identity, ILogger<ChangePasswordModel> logger)
    : AppPageModel
{
    public const string WrongCurrentPassword = "That is not your current password. Type it again.";
    public const string Done = "Your password has been changed. Use the new one next time you sign in.";
    public const string TooManyAttempts = "Too many wrong current passwords. Wait 15 minutes, then try again, or ask your practice manager.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The password policy in words, from the same options Identity enforces.</summary>
    public string PolicyText => DescribePolicy(identity.Value.Password);

    /// <summary>The password rules in words, for every page where a password is chosen.</summary>
    public static string DescribePolicy(PasswordOptions p)
    {
        {
            var needs = new List<string>();
            if (p.RequireUppercase)
            {
                needs.Add("an upper-case letter");
            }

            if (p.RequireLowercase)
            {
                needs.Add("a lower-case letter");
            }

            if (p.RequireDigit)
            {
                needs.Add("a digit");
            }

            if (p.RequireNonAlphanumeric)
            {
                needs.Add("a symbol");
            }

            var with = needs.Count <= 1 ? string.Concat(needs) : $"{string.Join(", ", needs.Take(needs.Count - 1))} and {needs[^1]}";
            return needs.Count == 0 ? $"At least {p.RequiredLength} characters." : $"At least {p.RequiredLength} characters, with {with}.";
        }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await users.GetUserAsync(User) is not { IsActive: true } user)
        {
            return Challenge();
        }

        if (await users.IsLockedOutAsync(user))
        {
            ModelState.AddModelError("", TooManyAttempts);
            return Page();
        }

        if (Input.NewPassword == Input.CurrentPassword)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.NewPassword)}", "Choose a new password that differs from your current one.");
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                if (error.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                {
                    // Counted like a failed sign-in, so a left-open session cannot be used to guess the password.
                    await users.AccessFailedAsync(user);
                    logger.LogWarning("Change of password refused for user {UserId}: wrong current password", user.Id);
                    ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.CurrentPassword)}", WrongCurrentPassword);
                }
                else
                {
                    ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.NewPassword)}", error.Description);
                }
            }

            return Page();
        }

        await users.ResetAccessFailedCountAsync(user);
        await audit.SaveNowAsync(AuditKind.StaffChanged, null, $"{user.DisplayName} changed their password", user.Id, user.DisplayName);
        logger.LogInformation("Password changed for user {UserId}", user.Id);
        await signIn.RefreshSignInAsync(user);
        Flash(Done);
        return LocalRedirect("/");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [MaxLength(256, ErrorMessage = "Enter a password of at most 256 characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter a new password.")]
        [MaxLength(256, ErrorMessage = "Enter a password of at most 256 characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Type the new password again.")]
        [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords differ. Type the same password in both.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password again")]
        public string ConfirmPassword { get; set; } = "";
    }
}
