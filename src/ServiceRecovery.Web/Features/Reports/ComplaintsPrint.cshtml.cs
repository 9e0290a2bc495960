using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>The complaints report as a printable document for a board or a regulator (print-page.css hides the app's chrome).</summary>
[Authorize(Policy = AppPolicies.Manager)]
public sealed class ComplaintsPrintModel(IMediator mediator) : AppPageModel
{
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "practice")]
    public string? Practice { get; set; }

    public ComplaintReport.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Result = await mediator.Send(new ComplaintReport.Query(From, To, Practice), cancellationToken);
        foreach (var problem in Result.Problems)
        {
            ModelState.AddModelError(problem.Field, problem.Message);
        }
    }
}
