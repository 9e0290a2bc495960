using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// The annual complaints report: the page, its CSV (the Csv handler) and, on its own route, the printable document.
/// The inputs are dates and a practice id in the query string: nothing about patients.
/// </summary>
[Authorize(Policy = AppPolicies.Manager)]
public sealed class ComplaintsModel(IMediator mediator) : AppPageModel
{
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "practice")]
    public string? Practice { get; set; }

    public ComplaintReport.Result Result { get; private set; } = null!;

    public string? PrintUrl => Result.Report is null ? null : Url.Page("/Reports/ComplaintsPrint", new { from = Result.From, to = Result.To, practice = Result.Practice });

    public string? CsvUrl => Result.Report is null ? null : Url.Page("/Reports/Complaints", "Csv", new { from = Result.From, to = Result.To, practice = Result.Practice });

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>The report as CSV. Wrong inputs show the page with its messages, as the page itself does.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Result.Report is not { } report)
        {
            return Page();
        }

        return File(await ComplaintCsv.WriteAsync(report, cancellationToken), "text/csv; charset=utf-8", ComplaintCsv.FileName(report.Period));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Result = await mediator.Send(new ComplaintReport.Query(From, To, Practice), cancellationToken);
        foreach (var problem in Result.Problems)
        {
            ModelState.AddModelError(problem.Field, problem.Message);
        }
    }
}
