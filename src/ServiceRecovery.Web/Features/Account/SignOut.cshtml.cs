using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Account;

public sealed class SignOutModel(SignInManager<ApplicationUser> signIn, AuditLog audit) : AppPageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await audit.SaveNowAsync(AuditKind.SignedOut, null, "Signed out");
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }
}
