using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Practices;

[Authorize(Policy = AppPolicies.Administrator)]
public sealed class CreateModel(IMediator mediator, SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users) : AppPageModel
{
    [BindProperty]
    public CreatePractice.Command Input { get; set; } = new() { TimeZoneId = "Australia/Sydney", Culture = "en-AU", Currency = "AUD" };

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await mediator.Send(Input, cancellationToken);
        if (!result.Succeeded)
        {
            ShowErrors(result.Errors, nameof(Input));
            return Page();
        }

        // The new membership belongs in the cookie now, not at the next periodic refresh.
        if (await users.GetUserAsync(User) is { } account)
        {
            await signIn.RefreshSignInAsync(account);
        }

        Flash($"{Input.Name!.Trim()} created with the default stages and categories. You are its administrator.");
        return RedirectToPage("/Practices/Index");
    }
}
