using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// A request for a handler the page does not have is not found. Razor Pages would otherwise run no handler at all
/// and render the page without the data its handlers load (a null model, so a 500): a post to a page that only
/// shows, or <c>?handler=nosuch</c>. A page with no handler methods at all may still be read (GET or HEAD). The
/// error page itself, re-executed for a failed request with that request's method and query, is left alone.
/// </summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var reExecuted = http.Features.Get<IStatusCodeReExecuteFeature>() is not null || http.Features.Get<IExceptionHandlerFeature>() is not null;
        var readsWithoutHandler = context.ActionDescriptor.HandlerMethods.Count == 0 && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method));
        if (context.HandlerMethod is null && !reExecuted && !readsWithoutHandler)
        {
            context.Result = new NotFoundResult();
            return;
        }

        await next();
    }
}
