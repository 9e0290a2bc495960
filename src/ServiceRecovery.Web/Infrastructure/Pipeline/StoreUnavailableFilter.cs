using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ServiceRecovery.Web.Infrastructure.Pipeline;

/// <summary>
/// Turns a database that could not take the write (<see cref="StoreUnavailableException"/>) into a 503, which the
/// status-code pages show as the friendly "Not saved" page. Logs the exception's type only: its inner message may
/// quote a statement's values.
/// </summary>
public sealed class StoreUnavailableFilter(ILogger<StoreUnavailableFilter> logger) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (context.Exception is StoreUnavailableException unavailable)
        {
            logger.LogWarning("Database unavailable on {Path}: {ExceptionType}", context.HttpContext.Request.Path, unavailable.InnerException?.GetType().FullName ?? unavailable.GetType().FullName);
            context.Result = new StatusCodeResult(StatusCodes.Status503ServiceUnavailable);
            context.ExceptionHandled = true;
        }
    }
}
