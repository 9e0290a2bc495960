using Serilog.Context;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// Every request gets a correlation id: in every log line of the request, in an X-Correlation-Id
/// response header, and on the error page, so a member of staff can quote it.
/// </summary>
public static class CorrelationId
{
    public const string Header = "X-Correlation-Id";

    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var id = context.TraceIdentifier;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        using (LogContext.PushProperty("CorrelationId", id))
        {
            await next();
        }
    });
}
