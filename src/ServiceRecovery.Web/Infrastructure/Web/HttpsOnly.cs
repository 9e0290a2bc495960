using System.Net;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// In Production the sign-in and antiforgery cookies are Secure-only, so a page served over plain HTTP could not hand out
/// the antiforgery cookie its form needs (the framework would fail the request with a 500). A plain HTTP request that was
/// not redirected to an HTTPS endpoint (the app has none, or the proxy in front of it is not listed in
/// <c>ForwardedHeaders:KnownProxies</c>, so its "this was HTTPS" is not believed) gets a plain 400 that says what to
/// do instead. The health checks still answer over HTTP, for the container and the load balancer.
/// </summary>
public static class HttpsOnly
{
    public const string Message = "This installation is reached over HTTPS only. Open it with an https:// address.";

    private const string Page = $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>HTTPS needed · ServiceRecovery</title></head>
        <body><h1>HTTPS needed</h1><p>{{Message}}</p>
        <p>If you look after this installation: the app answers over HTTPS with a certificate of its own, or behind an
        HTTPS reverse proxy whose address is listed in <code>ForwardedHeaders:KnownProxies</code> (see the README, "Going live").</p>
        </body></html>
        """;

    public static IApplicationBuilder UseHttpsOnly(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/health"))
        {
            await next();
            return;
        }

        context.Response.StatusCode = (int)HttpStatusCode.BadRequest;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(Page);
    });
}
