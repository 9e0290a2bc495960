using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Account;

/// <summary>
/// Any signed-in user chooses whether to get the daily digest (non-essential). Escalations of an overdue apology
/// are part of the job and are always sent.
/// </summary>
public sealed class EmailModel(UserManager<ApplicationUser> users) : AppPageModel
{
    [BindProperty]
    public bool WantsDigest { get; set; }

    public string Address { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { IsActive: true } user)
        {
            return Challenge();
        }

        Address = user.Email ?? "";
        WantsDigest = !user.NonEssentialMailOptOut;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { IsActive: true } user)
        {
            return Challenge();
        }

        Address = user.Email ?? "";
        if (!ModelState.IsValid)
        {
            ModelState.AddModelError("", "Tick or untick the box, then save.");
            return Page();
        }

        user.NonEssentialMailOptOut = !WantsDigest;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", "Your preference could not be saved just now; please try again.");
            return Page();
        }

        Flash(WantsDigest ? "You will get the daily digest." : "You will no longer get the daily digest. Escalations of overdue apologies still come to you.");
        return RedirectToPage();
    }
}
