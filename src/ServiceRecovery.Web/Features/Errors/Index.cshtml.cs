using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Errors;

/// <summary>The friendly error page: no stack trace, just what happened and a correlation id to quote.</summary>
[IgnoreAntiforgeryToken]
public sealed class IndexModel : AppPageModel
{
    public int Status { get; private set; }

    public string CorrelationId => HttpContext.TraceIdentifier;

    public void OnGet(int? status) => Show(status);

    public void OnPost(int? status) => Show(status);

    private void Show(int? status)
    {
        Status = status is >= 400 and < 600 ? status.Value : 500;
        Response.StatusCode = Status;
    }
}
