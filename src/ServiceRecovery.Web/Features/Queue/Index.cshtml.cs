using Microsoft.AspNetCore.Mvc;
using ServiceRecovery.Web.Features.Approvals;
using ServiceRecovery.Web.Features.Cases;

namespace ServiceRecovery.Web.Features.Queue;

public sealed class IndexModel(IMediator mediator, ICurrentUser user, TimeProvider clock) : AppPageModel
{
    // Named, so an empty query binds nothing rather than borrowing the route's "page" value.
    [BindProperty(SupportsGet = true, Name = nameof(Filter))]
    public CaseQueue.Filter Filter { get; set; } = new();

    public CaseQueue.Result Result { get; private set; } = null!;

    public IReadOnlyList<GesturesAwaitingApproval.Row> Approvals { get; private set; } = [];

    /// <summary>Front desk's requests to withdraw a case or skip Say sorry, so a manager does not miss them.</summary>
    public IReadOnlyList<RequestsAwaitingDecision.Row> Requests { get; private set; } = [];

    [BindProperty]
    public AssignOwner.Command Owner { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>The filtered list as CSV. Managers only; contact details only when asked for, and audited.</summary>
    public async Task<IActionResult> OnGetCsvAsync(bool includeContacts, [FromServices] ExportCases export, CancellationToken cancellationToken)
    {
        if (user.PracticesWhere(StaffRole.PracticeManager).Length == 0)
        {
            return Forbid();
        }

        if (!export.Allows(Filter))
        {
            return NotFound();
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"cases-{clock.GetUtcNow():yyyyMMdd}.csv\"";
        await export.WriteAsync(Filter, includeContacts, Response.Body, cancellationToken);
        return new EmptyResult();
    }

    /// <summary>Reassign a case's owner from the list.</summary>
    public async Task<IActionResult> OnPostOwnerAsync(CancellationToken cancellationToken) =>
        await ShowAsync(await mediator.Send(Owner, cancellationToken), new Outcome<Mediator.Unit>
        {
            Subject = "case",
            // One owner form per row: the messages go at the top of the list.
            Prefix = null,
            KeepsInput = false,
            Done = _ => Flashed("Owner changed.", Redirect(Request.Path + Request.QueryString)),
            Reload = async ct =>
            {
                await LoadAsync(ct);
                return true;
            },
        }, cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Result = await mediator.Send(new CaseQueue.Query(Filter), cancellationToken);
        foreach (var problem in Result.Problems)
        {
            ModelState.AddModelError("", problem);
        }

        if (user.PracticesWhere(StaffRole.PracticeManager).Length > 0)
        {
            Approvals = await mediator.Send(new GesturesAwaitingApproval.Query(), cancellationToken);
            Requests = await mediator.Send(new RequestsAwaitingDecision.Query(), cancellationToken);
        }
    }

    public Dictionary<string, string> PageRoute(int page) => RouteWith(("Filter.Page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The current filter as query-string values, with some changed: for paging and facet links.</summary>
    public Dictionary<string, string> RouteWith(params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>
        {
            ["Filter.Step"] = Filter.Step?.ToString(),
            ["Filter.StageId"] = Filter.StageId?.ToString(),
            ["Filter.CategoryId"] = Filter.CategoryId?.ToString(),
            ["Filter.Severity"] = Filter.Severity?.ToString(),
            ["Filter.Owner"] = Filter.Owner,
            ["Filter.Status"] = Filter.Status?.ToString(),
            ["Filter.PracticeId"] = Filter.PracticeId?.ToString(),
            ["Filter.From"] = Filter.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Filter.To"] = Filter.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Filter.Reference"] = Filter.Reference,
            ["Filter.Complaints"] = Filter.Complaints ? "true" : null,
        };
        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }

        // An empty status means "any status" and must survive paging; other empty values are left out.
        return values.Where(v => !string.IsNullOrEmpty(v.Value) || v.Key == "Filter.Status").ToDictionary(v => v.Key, v => v.Value ?? "");
    }
}
