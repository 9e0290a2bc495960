using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Setup;

/// <summary>
/// The setup page of an empty install: answers only the current setup link (404 without it, after it expires and once
/// anyone has an account). Creates the first administrator and practice, then signs the administrator in.
/// </summary>
public sealed class IndexModel(IMediator mediator, SetupTokens tokens, SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users) : AppPageModel
{
    [BindProperty]
    public SetUpInstall.Command Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken cancellationToken)
    {
        if (await tokens.FindValidAsync(token, cancellationToken) is null)
        {
            return NotFound();
        }

        Input = new SetUpInstall.Command { Token = token, TimeZoneId = "Australia/Sydney", Culture = "en-AU", Currency = "AUD" };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await tokens.FindValidAsync(Input.Token, cancellationToken) is null ? NotFound() : Redisplay();
        }

        var result = await mediator.Send(Input, cancellationToken);
        if (result.IsNotFound || result.Conflict is not null)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ShowErrors(result.Errors, nameof(Input));
            return Redisplay();
        }

        var account = await users.FindByIdAsync(result.Value!.UserId);
        await signIn.SignInAsync(account!, isPersistent: false);
        Flash($"Welcome. {result.Value.PracticeName} is set up and you are its administrator.");
        return LocalRedirect("/");
    }

    /// <summary>The form again with what was typed, except the password (the field is rendered empty).</summary>
    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Redisplay()
    {
        Input.Password = null;
        return Page();
    }
}
