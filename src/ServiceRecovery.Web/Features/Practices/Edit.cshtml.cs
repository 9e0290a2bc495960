using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Practices;

/// <summary>One practice's details and, once confirmed, its archiving.</summary>
[Authorize(Policy = AppPolicies.Administrator)]
public sealed class EditModel(IMediator mediator, SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users) : AppPageModel
{
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
        return await SendAsync(mediator, Input, Edited(nameof(Input), () => Flashed("Practice details saved.", RedirectToPage(new { practice = PracticeId }))), cancellationToken);
    }

    public async Task<IActionResult> OnPostArchiveAsync(CancellationToken cancellationToken)
    {
        ArchiveInput.PracticeId = PracticeId;
        return await SendAsync(mediator, ArchiveInput, Edited(nameof(ArchiveInput), async () =>
        {
            if (await users.GetUserAsync(User) is { } account)
            {
                // The archived practice drops out of this administrator's lists now, not at the next periodic refresh.
                await signIn.RefreshSignInAsync(account);
            }

            return await Flashed("Practice archived. Its cases and reports stay readable to its administrators.", RedirectToPage("/Practices/Index"));
        }), cancellationToken);
    }

    private Outcome<Unit> Edited(string prefix, Func<Task<IActionResult>> done) => new()
    {
        Subject = "practice",
        Prefix = prefix,
        Done = _ => done(),
        Reload = LoadAsync,
    };

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
