using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ServiceRecovery.Testing;

/// <summary>
/// The in-process test server gives every request a null client address. In the test host only, this sets the
/// connection's address from <see cref="Header"/>, as if the request came from there over TCP, before any of the app's
/// own middleware runs; the app itself never reads the header. Without it the address stays null.
/// </summary>
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(value.ToString());
                context.Request.Headers.Remove(Header);
            }

            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>A client whose requests come from <paramref name="address"/>, keeping cookies as a browser does.</summary>
    public static WebClient ClientFrom(AppFactory app, string address)
    {
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        http.DefaultRequestHeaders.Add(Header, address);
        return new WebClient(http);
    }
}
