using Microsoft.AspNetCore.Authorization;

namespace ServiceRecovery.Web.Features.Practices;

/// <summary>The practices the person administers: current ones, and archived ones under "Archived".</summary>
[Authorize(Policy = AppPolicies.Administrator)]
public sealed class IndexModel(IMediator mediator) : AppPageModel
{
    public IReadOnlyList<AdministeredPractices.Row> Current { get; private set; } = [];
    public IReadOnlyList<AdministeredPractices.Row> Archived { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rows = await mediator.Send(new AdministeredPractices.Query(), cancellationToken);
        Current = [.. rows.Where(r => r.ArchivedAt is null)];
        Archived = [.. rows.Where(r => r.ArchivedAt is not null)];
    }
}
