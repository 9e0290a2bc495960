using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Audit;

[Authorize(Policy = AppPolicies.Administrator)]
public sealed class IndexModel(IMediator mediator) : AppPageModel
{
    // Named, so an empty query binds nothing rather than borrowing the route's "page" value.
    [BindProperty(SupportsGet = true, Name = nameof(Filter))]
    public AuditTrail.Filter Filter { get; set; } = new();

    public AuditTrail.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Result = await mediator.Send(new AuditTrail.Query(Filter), cancellationToken);
        if (Result.Problem is { } problem)
        {
            ModelState.AddModelError("", problem);
        }
    }

    public Dictionary<string, string> PageRoute(int page) => new()
    {
        ["Filter.Kind"] = Filter.Kind?.ToString() ?? "",
        ["Filter.From"] = Filter.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ["Filter.To"] = Filter.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ["Filter.UnknownAccounts"] = Filter.UnknownAccounts ? "true" : "",
        ["Filter.Page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
