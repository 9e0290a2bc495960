using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>
/// Turns a refusal of the authorisation behaviour into a 403, which the status-code pages show as the friendly
/// "Not allowed" page. Nothing of the request is echoed.
/// </summary>
public sealed class AccessDeniedFilter : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (context.Exception is AccessDeniedException)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            context.ExceptionHandled = true;
        }
    }
}
