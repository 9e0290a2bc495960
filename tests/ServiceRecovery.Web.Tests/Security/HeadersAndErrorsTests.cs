using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Security;

public sealed class HeadersAndErrorsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Sign_in_and_antiforgery_cookies_are_http_only_and_same_site_strict()
    {
        using var client = fixture.Anonymous();
        var page = await client.Http.GetAsync("/Account/SignIn");
        var signIn = await client.SubmitAsync("/Account/SignIn", "form", new() { ["Input.Email"] = TestWorld.FrontDesk, ["Input.Password"] = TestWorld.Password });

        var cookies = page.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();
        var auth = cookies.Single(c => c.StartsWith("sr.auth=", StringComparison.Ordinal));
        var antiforgery = cookies.First(c => c.StartsWith("sr.af=", StringComparison.Ordinal));
        foreach (var cookie in new[] { auth, antiforgery })
        {
            cookie.ShouldContain("httponly", Case.Insensitive);
            cookie.ShouldContain("samesite=strict", Case.Insensitive);
        }
    }

    [Fact]
    public async Task An_unhandled_error_shows_the_friendly_page_with_a_correlation_id_and_no_details()
    {
        // A route that fails the way a bug would, with a message that quotes something a user typed.
        await using var failing = fixture.App.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IStartupFilter>(new ThrowingRoute())));
        using var client = failing.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/boom");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Something went wrong");
        html.ShouldNotContain("Zebedee");
        html.ShouldNotContain("   at ");
        html.ShouldNotContain("InvalidOperationException");
        var correlationId = response.Headers.GetValues("X-Correlation-Id").Single();
        html.ShouldContain(correlationId);

        // The log says what failed and where, with the correlation id, but never the exception's message.
        var logs = await fixture.App.ReadLogsAsync();
        logs.ShouldContain("System.InvalidOperationException");
        logs.ShouldContain(correlationId);
        logs.ShouldNotContain("Zebedee");
    }

    [Fact]
    public async Task The_sqlite_database_runs_in_wal_mode_with_full_sync()
    {
        var (journal, synchronous) = await fixture.App.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode";
                var mode = (string)(await command.ExecuteScalarAsync())!;
                command.CommandText = "PRAGMA synchronous";
                return (mode, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

        journal.ShouldBe("wal");
        synchronous.ShouldBe(2, "FULL: an acknowledged commit survives a power cut, not only a crash");
    }

    private sealed class ThrowingRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/boom", boom => boom.Run(_ => throw new InvalidOperationException("Patient Zebedee typed this")));
        };
    }
}
