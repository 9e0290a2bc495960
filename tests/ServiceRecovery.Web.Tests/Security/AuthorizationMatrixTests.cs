using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Security;

/// <summary>
/// Every endpoint of the app, from its own endpoint data, against every kind of visitor. A new page must be
/// added to <see cref="Expected"/>, so nothing ships without a decision about who may see it.
/// </summary>
public sealed class AuthorizationMatrixTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int Redirect = 302;

    /// <summary>
    /// Expected GET status for: anonymous, front desk, manager, administrator, front desk of another practice, and a practice
    /// manager of another practice (whose role alone would pass every manager check: what refuses them is the practice).
    /// </summary>
    private static readonly Dictionary<string, int[]> Expected = new()
    {
        [""] = [Redirect, 200, 200, 200, 200, 200],
        ["Index"] = [Redirect, 200, 200, 200, 200, 200],
        ["Account/SignIn"] = [200, 200, 200, 200, 200, 200],
        ["Account/SignOut"] = [Redirect, Redirect, Redirect, Redirect, Redirect, Redirect],
        ["Account/AccessDenied"] = [403, 403, 403, 403, 403, 403],
        ["Account/ChangePassword"] = [Redirect, 200, 200, 200, 200, 200],
        ["Account/Email"] = [Redirect, 200, 200, 200, 200, 200],
        ["Account/ForgotPassword"] = [200, 200, 200, 200, 200, 200],
        // Without a token (or with a forged one) the link page says the link does not work; it never shows a form.
        ["Account/SetPassword"] = [200, 200, 200, 200, 200, 200],
        // Once anyone has an account, first-run setup is gone, whoever asks and whatever the token.
        ["setup"] = [404, 404, 404, 404, 404, 404],
        ["Practices"] = [Redirect, 403, 403, 200, 403, 403],
        ["Practices/Index"] = [Redirect, 403, 403, 200, 403, 403],
        ["Practices/Create"] = [Redirect, 403, 403, 200, 403, 403],
        ["Practices/Edit"] = [Redirect, 403, 403, 200, 403, 403],
        ["Errors"] = [404, 404, 404, 404, 404, 404],
        ["Errors/Index"] = [404, 404, 404, 404, 404, 404],
        ["approvals"] = [Redirect, 403, 200, 200, 403, 200],
        ["audit"] = [Redirect, 403, 403, 200, 403, 403],
        ["cases/{id:guid}"] = [Redirect, 200, 200, 200, 404, 404],
        // Staff write to the patient (the apology email is front desk's); another practice's case is not found.
        ["cases/{id:guid}/write"] = [Redirect, 200, 200, 200, 404, 404],
        ["cases/{id:guid}/letters/{letterId:guid}"] = [Redirect, 200, 200, 200, 404, 404],
        ["defects/log"] = [Redirect, 200, 200, 200, 200, 200],
        ["huddle"] = [Redirect, 200, 200, 200, 200, 200],
        ["huddle/display-link"] = [Redirect, 403, 200, 200, 403, 200],
        ["huddle/display/{token}"] = [404, 404, 404, 404, 404, 404],
        ["improvements"] = [Redirect, 200, 200, 200, 200, 200],
        ["improvements/{id:guid}"] = [Redirect, 200, 200, 200, 404, 404],
        ["outbox"] = [Redirect, 403, 403, 200, 403, 403],
        ["queue"] = [Redirect, 200, 200, 200, 200, 200],
        ["reports"] = [Redirect, 403, 200, 200, 403, 200],
        // The annual complaints report and its printable document are a manager's, as the other reports.
        ["reports/complaints"] = [Redirect, 403, 200, 200, 403, 200],
        ["reports/complaints/print"] = [Redirect, 403, 200, 200, 403, 200],
        ["settings"] = [Redirect, 403, 200, 200, 403, 200],
        ["settings/comment-card"] = [Redirect, 403, 200, 200, 403, 200],
        ["settings/letters"] = [Redirect, 403, 200, 200, 403, 200],
        ["settings/letters/edit/{id:guid?}"] = [Redirect, 403, 200, 200, 403, 200],
        ["settings/api-keys"] = [Redirect, 403, 200, 200, 403, 200],
        // The API: its description and reference page are public (they hold no practice's data); its calls take an API key,
        // never the cookie, so a signed-in person without one is refused like anyone (see Features/Api).
        ["api/{documentName}/openapi.json"] = [200, 200, 200, 200, 200, 200],
        ["api/v1/docs/{documentName?}"] = [200, 200, 200, 200, 200, 200],
        ["api/v1/docs/scalar.js"] = [200, 200, 200, 200, 200, 200],
        ["api/v1/docs/scalar.aspnetcore.js"] = [200, 200, 200, 200, 200, 200],
        ["api/v1/docs/favicon.svg"] = [200, 200, 200, 200, 200, 200],
        ["api/v1/patients/{pmsId}"] = [405, 405, 405, 405, 405, 405],
        ["api/v1/defects"] = [405, 405, 405, 405, 405, 405],
        ["api/v1/stages"] = [401, 401, 401, 401, 401, 401],
        ["api/v1/cases/{reference}"] = [401, 401, 401, 401, 401, 401],
        ["api/v1/appointments"] = [405, 405, 405, 405, 405, 405],
        ["patients/import"] = [Redirect, 403, 200, 200, 403, 200],
        // A patient's record and right-of-access export: managers of the patient's practice; another practice's manager is told "not found".
        ["patients/{id:guid}"] = [Redirect, 403, 200, 200, 403, 404],
        // Its printable copy in plain words: the same people, the same answers.
        ["patients/{id:guid}/export/print"] = [Redirect, 403, 200, 200, 403, 404],
        ["patients/import/appointments"] = [Redirect, 403, 200, 200, 403, 200],
        ["feedback/{slug}"] = [200, 200, 200, 200, 200, 200],
        ["feedback/{slug}/thanks"] = [200, 200, 200, 200, 200, 200],
        // The recovery survey: public; an unknown token is the one "used or expired" page, whoever asks.
        ["survey/{token}"] = [404, 404, 404, 404, 404, 404],
        ["survey/thanks"] = [200, 200, 200, 200, 200, 200],
        ["staff"] = [Redirect, 403, 200, 200, 403, 200],
        ["staff/new"] = [Redirect, 403, 200, 200, 403, 200],
        ["staff/{id}"] = [Redirect, 403, 200, 200, 403, 404],
        ["health/live"] = [200, 200, 200, 200, 200, 200],
        ["health/ready"] = [200, 200, 200, 200, 200, 200],
    };

    /// <summary>
    /// The load benchmarks' endpoints, mapped only when Benchmarks:Endpoints is on: the bare page behind sign-in
    /// like every page, the process's GC figures for administrators only.
    /// </summary>
    private static readonly Dictionary<string, int[]> BenchmarkExpected = new()
    {
        ["bench/bare"] = [Redirect, 200, 200, 200, 200, 200],
        ["bench/gc"] = [Redirect, 403, 403, 200, 403, 403],
    };

    [Fact]
    public void Every_endpoint_of_the_app_has_an_expectation()
    {
        var routes = Routes(fixture.App);

        routes.Except(Expected.Keys).ShouldBeEmpty("a new endpoint needs a row in Expected");
        Expected.Keys.Except(routes).ShouldBeEmpty("an endpoint in Expected no longer exists");
    }

    [Fact]
    public async Task Benchmark_endpoints_are_off_by_default_and_answer_each_kind_of_visitor_as_expected_when_switched_on()
    {
        Routes(fixture.App).ShouldNotContain(r => r.StartsWith("bench", StringComparison.Ordinal));

        await using var app = new AppFactory(extraSettings: new Dictionary<string, string> { ["Benchmarks:Endpoints"] = "true" });
        await app.StartAsync();
        var routes = Routes(app);
        routes.Except(Expected.Keys).ShouldBe(BenchmarkExpected.Keys, ignoreOrder: true);
        var visitors = new[]
        {
            new WebClient(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })),
            await WebClient.SignedInAsync(app, TestWorld.FrontDesk),
            await WebClient.SignedInAsync(app, TestWorld.Manager),
            await WebClient.SignedInAsync(app, TestWorld.Administrator),
            await WebClient.SignedInAsync(app, TestWorld.OtherFrontDesk),
            await WebClient.SignedInAsync(app, TestWorld.OtherManager),
        };
        var failures = new List<string>();
        foreach (var (route, statuses) in BenchmarkExpected)
        {
            for (var v = 0; v < visitors.Length; v++)
            {
                var response = await visitors[v].Http.GetAsync("/" + route);
                if ((int)response.StatusCode != statuses[v])
                {
                    failures.Add($"/{route} as visitor {v}: expected {statuses[v]}, got {(int)response.StatusCode}");
                }
            }
        }

        failures.ShouldBeEmpty();
        foreach (var visitor in visitors)
        {
            visitor.Dispose();
        }
    }

    [Fact]
    public async Task Every_endpoint_answers_each_kind_of_visitor_as_expected()
    {
        var sample = await SampleUrlsAsync();
        var visitors = new[]
        {
            fixture.Anonymous(),
            await fixture.SignInAsync(TestWorld.FrontDesk),
            await fixture.SignInAsync(TestWorld.Manager),
            await fixture.SignInAsync(TestWorld.Administrator),
            await fixture.SignInAsync(TestWorld.OtherFrontDesk),
            await fixture.SignInAsync(TestWorld.OtherManager),
        };
        string[] names = ["anonymous", "front desk", "manager", "administrator", "other practice", "other practice's manager"];
        var failures = new List<string>();
        foreach (var (route, statuses) in Expected)
        {
            for (var v = 0; v < visitors.Length; v++)
            {
                var url = sample(route);
                var response = await visitors[v].Http.GetAsync(url);
                if ((int)response.StatusCode != statuses[v])
                {
                    failures.Add($"{url} as {names[v]}: expected {statuses[v]}, got {(int)response.StatusCode}");
                }

                if (statuses[v] == Redirect && !route.StartsWith("Account/SignOut", StringComparison.Ordinal))
                {
                    response.Headers.Location?.OriginalString.ShouldContain("/Account/SignIn", customMessage: url);
                }
            }
        }

        failures.ShouldBeEmpty();
        foreach (var visitor in visitors)
        {
            visitor.Dispose();
        }
    }

    [Fact]
    public async Task Every_form_rejects_a_post_without_its_antiforgery_token()
    {
        var sample = await SampleUrlsAsync();
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);
        var checkedForms = 0;
        var failures = new List<string>();
        foreach (var route in Expected.Keys.Where(r => !r.StartsWith("health", StringComparison.Ordinal) && !r.Contains("{token}", StringComparison.Ordinal)))
        {
            var response = await admin.Http.GetAsync(sample(route));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }

            var page = await WebClient.ParseAsync(response);
            foreach (var form in page.QuerySelectorAll("form").OfType<IHtmlFormElement>().Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase)))
            {
                var fields = WebClient.FieldsOf(form);
                fields.Remove("__RequestVerificationToken").ShouldBeTrue($"a form on {route} has no antiforgery token");
                var action = form.GetAttribute("action") is { Length: > 0 } a ? a : sample(route);
                var posted = await admin.Http.PostAsync(action, new FormUrlEncodedContent(fields));
                checkedForms++;
                if (posted.StatusCode != HttpStatusCode.BadRequest)
                {
                    failures.Add($"{action} (form on {route}): expected 400, got {(int)posted.StatusCode}");
                }
            }
        }

        failures.ShouldBeEmpty();
        checkedForms.ShouldBeGreaterThan(20, "the case page alone has a dozen forms");
    }

    /// <summary>The app's routes, without the static files of the build's manifest (open to all, GET and HEAD only: see StaticAssetsTests).</summary>
    private static HashSet<string> Routes(AppFactory app) => app.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
        .Select(e => e.RoutePattern.RawText!.Trim('/'))
        .ToHashSet();

    /// <summary>Real ids of the first practice for routes with parameters.</summary>
    private async Task<Func<string, string>> SampleUrlsAsync()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var caseUrl = await Defects.LogAsync(frontDesk, "Matrix Patient");
        var caseId = Defects.CaseIdOf(caseUrl);
        var page = new CasePage(frontDesk, caseUrl);
        await page.SubmitAsync("#improvement-form", new() { ["Improvement.Title"] = "Matrix improvement" });
        var improvementId = await fixture.App.WithDbAsync(db => db.Improvements.Where(i => i.Title == "Matrix improvement").Select(i => i.Id).FirstAsync());
        var userId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == TestWorld.FrontDesk).Select(u => u.Id).SingleAsync());
        var compose = await frontDesk.GetPageAsync($"/cases/{caseId}/write");
        var form = (IHtmlFormElement)compose.QuerySelector("#letter-form")!;
        var printed = await frontDesk.Http.PostAsync($"/cases/{caseId}/write?handler=Print", new FormUrlEncodedContent(WebClient.FieldsOf(form)));
        var letterUrl = printed.Headers.Location!.ToString().TrimStart('/');
        var patientId = await fixture.App.WithDbAsync(db => db.Defects.Where(d => db.Cases.Any(c => c.Id == caseId && c.DefectId == d.Id)).Select(d => d.PatientId).SingleAsync());
        return route => "/" + route switch
        {
            "cases/{id:guid}" => $"cases/{caseId}",
            "cases/{id:guid}/write" => $"cases/{caseId}/write",
            "cases/{id:guid}/letters/{letterId:guid}" => letterUrl,
            "improvements/{id:guid}" => $"improvements/{improvementId}",
            "staff/{id}" => $"staff/{userId}",
            "patients/{id:guid}" => $"patients/{patientId}",
            "patients/{id:guid}/export/print" => $"patients/{patientId}/export/print",
            "huddle/display/{token}" => "huddle/display/not-a-real-token",
            "feedback/{slug}" => "feedback/harbourside",
            "feedback/{slug}/thanks" => "feedback/harbourside/thanks",
            "survey/{token}" => "survey/not-a-real-token",
            "Errors" or "Errors/Index" => $"{route}?status=404",
            "Account/AccessDenied" => "Account/AccessDenied",
            "Practices/Edit" => $"Practices/Edit?practice={fixture.World.Harbourside.Id}",
            "setup" => "setup?token=not-a-real-token",
            "api/{documentName}/openapi.json" => "api/v1/openapi.json",
            "api/v1/docs/{documentName?}" => "api/v1/docs/",
            "api/v1/patients/{pmsId}" => "api/v1/patients/MATRIX-1",
            "api/v1/cases/{reference}" => "api/v1/cases/SR-2026-0001",
            "settings/letters/edit/{id:guid?}" => "settings/letters/edit",
            _ => route,
        };
    }
}
