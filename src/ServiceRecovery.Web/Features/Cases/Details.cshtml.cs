using Mediator;
using Microsoft.AspNetCore.Mvc;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Pipeline;

namespace ServiceRecovery.Web.Features.Cases;

public sealed class DetailsModel(IMediator mediator, ICurrentUser user) : AppPageModel
{
    public CaseDetails.View Case { get; private set; } = null!;

    [BindProperty]
    public RecordApology.Command Apology { get; set; } = new();

    /// <summary>Set when the user's save lost a race: shown above the fresh data, with their input kept.</summary>
    public ConcurrencyConflict? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Apology.ApologisedBy = user.Name;
        Apology.ApologisedAt = Case.Locale.ToLocalMinute(Case.Now);
        return Page();
    }

    public async Task<IActionResult> OnPostApologyAsync(Guid id, CancellationToken cancellationToken)
    {
        Apology.CaseId = id;
        if (ModelState.IsValid)
        {
            var result = await mediator.Send(Apology, cancellationToken);
            if (result.IsNotFound)
            {
                return NotFound();
            }

            if (result.Succeeded)
            {
                Flash("Apology recorded.");
                return Redirect($"/cases/{id}");
            }

            ShowErrors(result.Errors, nameof(Apology));
            Conflict = result.Conflict;
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var view = await mediator.Send(new CaseDetails.Query(id), cancellationToken);
        if (view is null)
        {
            return false;
        }

        Case = view;
        // The forms carry the version of what is on screen now; after a conflict that is the fresh one.
        ModelState.Remove($"{nameof(Apology)}.{nameof(RecordApology.Command.Version)}");
        Apology.Version = view.Version;
        return true;
    }
}
