using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Testing;

namespace ServiceRecovery.Web.Tests.Hosting;

/// <summary>
/// Static files come from the build's manifest: pages link fingerprinted names, which are sent compressed with a
/// year's immutable caching, so a phone downloads the style sheets once and small. A published app serves them from
/// its publish manifest as they are; a built one (these tests, <c>dotnet run</c>) checks each file against the disk and
/// sends <c>no-cache</c> so an edited file shows at once, unless told not to, as this app is here: it then serves the
/// build's files as a published app serves its own.
/// </summary>
public sealed class StaticAssetsTests : IAsyncLifetime
{
    private readonly AppFactory app = new(extraSettings: new Dictionary<string, string> { ["ReloadStaticAssetsAtRuntime"] = "false" });

    public ValueTask InitializeAsync() => new(app.StartAsync());

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private WebClient Anonymous() => new(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    [Fact]
    public async Task The_sign_in_page_links_fingerprinted_style_sheets_sent_compressed_and_cached_for_good()
    {
        using var client = Anonymous();
        var page = await client.GetPageAsync("/Account/SignIn");
        var sheets = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
        var bootstrap = sheets.Single(h => h.Contains("bootstrap.min", StringComparison.Ordinal) && !h.Contains("icons", StringComparison.Ordinal));
        bootstrap.ShouldMatch(@"^/lib/bootstrap/bootstrap\.min\.[a-z0-9]{10}\.css$");

        using var request = new HttpRequestMessage(HttpMethod.Get, bootstrap);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await client.Http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.ShouldContain("gzip");
        response.Headers.CacheControl!.ToString().ShouldContain("immutable");
        response.Headers.CacheControl.MaxAge!.Value.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromDays(365));
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        bytes.Length.ShouldBeLessThan(50_000, "233 KB of CSS travels as some 31 KB of gzip");
        $"{bytes[0]:x2}{bytes[1]:x2}".ShouldBe("1f8b", "a gzip stream");
    }

    [Fact]
    public async Task The_favicon_is_served_so_no_page_logs_a_missing_file()
    {
        using var client = Anonymous();
        var page = await client.GetPageAsync("/Account/SignIn");
        var icon = page.QuerySelector("link[rel=icon]")!.GetAttribute("href")!;

        using var response = await client.Http.GetAsync(icon, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var root = await client.Http.GetAsync("/favicon.ico", TestContext.Current.CancellationToken);
        root.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void Static_files_answer_only_reads_and_nothing_else_falls_through_to_the_disk()
    {
        var endpoints = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints.OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>().ToList();
        var assets = endpoints.Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null).ToList();

        assets.Count.ShouldBeGreaterThan(20);
        assets.SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods).Distinct().Order().ShouldBe(["GET", "HEAD"]);
        endpoints.ShouldNotContain(e => e.RoutePattern.RawText == "{**path:file}", "no catch-all serving any file found in wwwroot");
    }
}
