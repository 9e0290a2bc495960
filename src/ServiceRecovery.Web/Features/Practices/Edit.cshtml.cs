using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Pipeline;

namespace ServiceRecovery.Web.Features.Practices;

/// <summary>One practice's details and, once confirmed, its archiving.</summary>
[Authorize(Policy = AppPolicies.Administrator)]
public sealed class EditModel(IMediator mediator, SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users) : AppPageModel
{
    public const string ConflictMessage = "This practice was changed by another administrator while you were editing. The page shows the latest version; your entries are kept — check them and save again.";

    [BindProperty(SupportsGet = true, Name = "practice")]
    public Guid PracticeId { get; set; }

    public Practice Practice { get; private set; } = null!;

    [BindProperty] public EditPractice.Command Input { get; set; } = new();
    [BindProperty] public EditPractice.Archive ArchiveInput { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Input.Fill(Practice.Details);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Remove(nameof(ArchiveInput) + "." + nameof(ArchiveInput.Confirmed));
        Input.PracticeId = PracticeId;
        return await SendAsync(Input, nameof(Input), "Practice details saved.", cancellationToken);
    }

    public async Task<IActionResult> OnPostArchiveAsync(CancellationToken cancellationToken)
    {
        ArchiveInput.PracticeId = PracticeId;
        var outcome = await SendAsync(ArchiveInput, nameof(ArchiveInput), "Practice archived. Its cases and reports stay readable to its administrators.", cancellationToken);
        if (outcome is RedirectToPageResult && await users.GetUserAsync(User) is { } account)
        {
            // The archived practice drops out of this administrator's lists now, not at the next periodic refresh.
            await signIn.RefreshSignInAsync(account);
        }

        return outcome;
    }

    private async Task<IActionResult> SendAsync(IAppCommand<Unit> command, string prefix, string success, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await mediator.Send(command, cancellationToken);
            if (result.IsNotFound)
            {
                return NotFound();
            }

            if (result.Succeeded)
            {
                Flash(success);
                return prefix == nameof(ArchiveInput) ? RedirectToPage("/Practices/Index") : RedirectToPage(new { practice = PracticeId });
            }

            ShowErrors(result.Errors, prefix);
            if (result.Conflict is not null)
            {
                ModelState.AddModelError("", ConflictMessage);
            }
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await mediator.Send(new AdministeredPractices.One(PracticeId), cancellationToken) is not { } practice)
        {
            return false;
        }

        Practice = practice;
        return true;
    }
}
