using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Security;

/// <summary>
/// A signed-in post, with a valid antiforgery token, that a page does not expect: no handler, or a handler the page
/// does not have. Every page of the app, read from its own endpoint data, must answer it below 500, and a refusal
/// with the friendly error page.
/// </summary>
public sealed class UnexpectedHandlerTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Every_page_answers_a_post_it_does_not_expect_without_an_error_and_a_refusal_with_the_friendly_page()
    {
        var urls = await SampleUrlsAsync();
        var pages = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => e.RoutePattern.RawText!.Trim('/'))
            .Distinct()
            // Signing out is a post the page expects; it goes last so the rest run signed in.
            .OrderBy(route => route == "Account/SignOut")
            .ToList();
        pages.Count.ShouldBeGreaterThan(20);
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);
        var token = (await admin.GetPageAsync("/")).QuerySelector("#sign-out-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var failures = new List<string>();
        var refused = 0;

        foreach (var route in pages)
        {
            var url = urls(route);
            foreach (var handler in new[] { "nosuch", ";env;", "" })
            {
                var target = handler.Length == 0 ? url : $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}handler={Uri.EscapeDataString(handler)}";
                var response = await admin.Http.PostAsync(target, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
                var status = (int)response.StatusCode;
                var html = await response.Content.ReadAsStringAsync();
                if (status >= 500)
                {
                    failures.Add($"POST {target}: {status}");
                }
                else if (status >= 400 && !html.Contains("data-testid=\"correlation-id\"", StringComparison.Ordinal))
                {
                    failures.Add($"POST {target}: {status} without the friendly page");
                }
                else if (status >= 400)
                {
                    refused++;
                }
            }
        }

        failures.ShouldBeEmpty();
        refused.ShouldBeGreaterThan(pages.Count, "every unknown handler is refused, and posts to pages that only show");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/queue")]
    [InlineData("/huddle")]
    [InlineData("/huddle/display-link")]
    [InlineData("/reports")]
    [InlineData("/settings")]
    [InlineData("/settings/comment-card")]
    [InlineData("/staff")]
    public async Task A_post_with_no_handler_or_an_unknown_one_is_not_found(string page)
    {
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);
        var token = (await admin.GetPageAsync("/")).QuerySelector("#sign-out-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        foreach (var query in new[] { "", "?handler=nosuch", "?handler=;env;" })
        {
            var response = await admin.Http.PostAsync(page + query, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, page + query);
            (await WebClient.ParseAsync(response)).QuerySelector("h1")!.TextContent.ShouldBe("Page not found");
        }
    }

    /// <summary>Real ids for routes with parameters.</summary>
    private async Task<Func<string, string>> SampleUrlsAsync()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var caseUrl = await Defects.LogAsync(manager, "Handler Patient");
        await new CasePage(manager, caseUrl).SubmitAsync("#improvement-form", new() { ["Improvement.Title"] = "Handler improvement" });
        var improvementId = await fixture.App.WithDbAsync(db => db.Improvements.Where(i => i.Title == "Handler improvement").Select(i => i.Id).FirstAsync());
        var userId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == TestWorld.FrontDesk).Select(u => u.Id).SingleAsync());
        return route => "/" + route switch
        {
            "cases/{id:guid}" => caseUrl.TrimStart('/'),
            "improvements/{id:guid}" => $"improvements/{improvementId}",
            "staff/{id}" => $"staff/{userId}",
            "huddle/display/{token}" => "huddle/display/not-a-real-token-of-any-practice",
            "feedback/{slug}" => "feedback/harbourside",
            "feedback/{slug}/thanks" => "feedback/harbourside/thanks",
            _ => route,
        };
    }
}
