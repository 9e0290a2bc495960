using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// The reports page and, through the Csv handler, each figure's numbers as a CSV file. The inputs are dates
/// and a practice id in the query string: nothing about patients.
/// </summary>
[Authorize(Policy = AppPolicies.Manager)]
public sealed class IndexModel(IMediator mediator) : AppPageModel
{
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "practice")]
    public string? Practice { get; set; }

    public ServiceReports.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>One figure as CSV. Wrong inputs show the page with its messages, as the page itself does.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string? figure, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Result.Report is not { } report)
        {
            return Page();
        }

        if (report.Find(figure) is not { } table)
        {
            return NotFound();
        }

        var bytes = await ReportCsv.WriteAsync(table, report.Locale.CultureInfo, cancellationToken);
        var name = string.Create(CultureInfo.InvariantCulture, $"{table.Id}-{ReportPeriod.Format(report.Period.From)}-to-{ReportPeriod.Format(report.Period.To)}.csv");
        return File(bytes, "text/csv; charset=utf-8", name);
    }

    public FigureSection Section(FigureTable table) => new(table, CsvUrl(table.Id));

    private string CsvUrl(string figure) => Url.Page("/Reports/Index", "Csv", new { figure, from = Result.From, to = Result.To, practice = Result.Practice })!;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Result = await mediator.Send(new ServiceReports.Query(From, To, Practice), cancellationToken);
        foreach (var problem in Result.Problems)
        {
            ModelState.AddModelError(problem.Field, problem.Message);
        }
    }
}
