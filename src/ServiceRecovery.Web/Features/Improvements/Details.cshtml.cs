using Mediator;
using Microsoft.AspNetCore.Mvc;
using ServiceRecovery.Web.Infrastructure.Pipeline;

namespace ServiceRecovery.Web.Features.Improvements;

public sealed class DetailsModel(IMediator mediator) : AppPageModel
{
    public PracticeImprovements.Details Details { get; private set; } = null!;

    [BindProperty]
    public PracticeImprovements.ChangeStatus Change { get; set; } = new();

    /// <summary>Someone else changed the improvement after this form was built; the page shows it as it is now.</summary>
    public ConcurrencyConflict? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await mediator.Send(new PracticeImprovements.DetailsQuery(id), cancellationToken) is not { } details)
        {
            return NotFound();
        }

        Details = details;
        Change.Status = details.Improvement.Status;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        Change.ImprovementId = id;
        if (ModelState.IsValid)
        {
            var result = await mediator.Send(Change, cancellationToken);
            if (result.IsNotFound)
            {
                return NotFound();
            }

            if (result.Succeeded)
            {
                Flash("Status changed.");
                return RedirectToPage(new { id });
            }

            Conflict = result.Conflict;
            ShowErrors(result.Errors, nameof(Change));
        }

        if (await mediator.Send(new PracticeImprovements.DetailsQuery(id), cancellationToken) is not { } details)
        {
            return NotFound();
        }

        Details = details;
        return Page();
    }
}
