using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Improvements;

public sealed class DetailsModel(IMediator mediator) : AppPageModel
{
    public PracticeImprovements.Details Details { get; private set; } = null!;

    [BindProperty]
    public PracticeImprovements.ChangeStatus Change { get; set; } = new();

    public override ServiceRecovery.Domain.PracticeLocale? ConflictLocale => Details?.Locale;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Change.Status = Details.Improvement.Status;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        Change.ImprovementId = id;
        return await SendAsync(mediator, Change, new Outcome<Unit>
        {
            Subject = "improvement",
            Prefix = nameof(Change),
            Done = _ => Flashed("Status changed.", RedirectToPage(new { id })),
            Reload = ct => LoadAsync(id, ct),
        }, cancellationToken);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await mediator.Send(new PracticeImprovements.DetailsQuery(id), cancellationToken) is not { } details)
        {
            return false;
        }

        Details = details;
        return true;
    }
}
