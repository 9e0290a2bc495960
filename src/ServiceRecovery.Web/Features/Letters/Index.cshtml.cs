using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceRecovery.Web.Features.Settings;

namespace ServiceRecovery.Web.Features.Letters;

/// <summary>The practice's letter templates: managers and administrators; the first visit stores the shipped words.</summary>
[Authorize(Policy = AppPolicies.Manager)]
public sealed class IndexModel(IMediator mediator) : AppPageModel
{
    [BindProperty(SupportsGet = true, Name = "practice")]
    public Guid? PracticeId { get; set; }

    public PracticeSettings.View View { get; private set; } = null!;

    public IReadOnlyList<LetterTemplatesOf.Row> Templates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await mediator.Send(new PracticeSettings.Query(PracticeId), cancellationToken) is not { } view)
        {
            return NotFound();
        }

        View = view;
        await mediator.Send(new StoreShippedLetters.Command(view.Practice.Id), cancellationToken);
        Templates = await mediator.Send(new LetterTemplatesOf.Query(view.Practice.Id), cancellationToken);
        return Page();
    }
}
