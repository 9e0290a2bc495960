using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Errors;

/// <summary>
/// The friendly error page: no stack trace, just what happened and a correlation id to quote. Reached after an
/// unhandled exception (500), for an error status (400–599; 503 is "Not saved": the database could not take the write),
/// or directly (shown as "not found").
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class IndexModel(ILogger<IndexModel> logger) : AppPageModel
{
    public int Status { get; private set; }

    public string CorrelationId => HttpContext.TraceIdentifier;

    /// <summary>
    /// The request that failed was the public comment card's: the page then takes the card's layout and offers no
    /// link, so a patient never meets the staff pages.
    /// </summary>
    public bool FromCommentCard { get; private set; }

    public void OnGet(string? status) => Show(status);

    public void OnPost(string? status) => Show(status);

    private void Show(string? status)
    {
        var failedPath = HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path
            ?? HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath;
        FromCommentCard = failedPath?.StartsWith("/feedback/", StringComparison.OrdinalIgnoreCase) == true;
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is { Error: { } error } failure)
        {
            // The type and the page only: exception messages may quote what a user typed.
            logger.LogError("Unhandled {ExceptionType} on {Path} at {Site}", error.GetType().FullName, failure.Path, error.TargetSite?.DeclaringType?.FullName + "." + error.TargetSite?.Name);
            Status = StatusCodes.Status500InternalServerError;
        }
        else
        {
            // A re-executed error knows its status even when the request's own form could not be read.
            var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode;
            Status = original ?? (int.TryParse(status ?? Request.Query["status"], out var code) && code is >= 400 and < 600 ? code : StatusCodes.Status404NotFound);
        }

        Response.StatusCode = Status;
    }
}
