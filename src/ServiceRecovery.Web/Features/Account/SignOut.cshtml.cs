using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using ServiceRecovery.Data;

namespace ServiceRecovery.Web.Features.Account;

public sealed class SignOutModel(SignInManager<ApplicationUser> signIn) : AppPageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }
}
