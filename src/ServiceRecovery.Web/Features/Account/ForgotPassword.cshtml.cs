using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

using ServiceRecovery.Web.Email;

namespace ServiceRecovery.Web.Features.Account;

/// <summary>
/// "Forgot your password?": the person gives their email and, if it is an active account's, a reset link goes out
/// through the outbox. The answer is the same whatever the address is, so the page never tells who has an account.
/// Limited per client address (the rate limiter) and per account (a few emails an hour); audited when an email is sent.
/// </summary>
public sealed class ForgotPasswordModel(
    UserManager<ApplicationUser> users, AppDbContext db, AccountLinks links, EmailLinks emailLinks, AuditLog audit, TimeProvider clock,
    ILogger<ForgotPasswordModel> logger) : AppPageModel
{
    public const string Answer = "If that address belongs to an active account, a reset link is on its way to it. The link works once, for one hour. Nothing arrived? Check the spam folder, or ask your practice manager.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Answered { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var account = await users.FindByEmailAsync(Input.Email.Trim());
        if (account is { IsActive: true } && await links.RecentResetsAsync(account.Id, cancellationToken) < links.Options.ResetsPerAddressPerHour
            && await db.Memberships.Where(m => m.UserId == account.Id).OrderBy(m => m.PracticeId).Select(m => (Guid?)m.PracticeId).FirstOrDefaultAsync(cancellationToken) is { } practiceId)
        {
            var (row, token) = await links.IssueAsync(account.Id, AccountTokenPurpose.PasswordReset, null, null, cancellationToken);
            db.Outbox.Add(AccountEmails.PasswordReset(practiceId, row.Id, account.Id, account.Email!, account.DisplayName, emailLinks.SetPassword(token), clock.GetUtcNow()));
            audit.Add(AuditKind.PasswordResetRequested, null, $"Password reset link emailed to {account.DisplayName}, valid until {row.ExpiresAt:u}", account.Id, account.DisplayName);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Password reset link queued for user {UserId}", account.Id);
        }
        else
        {
            // Unknown, deactivated, over its hourly limit or in no practice: nothing is sent, and the page says the same.
            logger.LogInformation("Password reset asked for; no email sent");
        }

        ModelState.Clear();
        Input = new InputModel();
        Answered = true;
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@practice.com.au.")]
        [MaxLength(254, ErrorMessage = "Enter an email address of at most 254 characters.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";
    }
}
