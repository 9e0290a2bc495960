using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

public sealed class CasePageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Front_desk_records_the_apology_and_the_step_is_done()
    {
        using var client = await fixture.SignInAsync(TestWorld.FrontDesk);
        var caseUrl = await Defects.LogAsync(client);
        var page = await client.GetPageAsync(caseUrl);
        page.QuerySelector("#Apology_ApologisedBy")!.GetAttribute("value").ShouldBe(TestWorld.FrontDeskName);

        var response = await client.SubmitAsync(page, "#apology-form", new() { ["Apology.Method"] = ((int)ApologyMethod.Phone).ToString() });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await WebClient.ParseAsync(response)).QuerySelector("#error-summary")?.TextContent);
        var after = await client.GetPageAsync(caseUrl);
        after.QuerySelector("[data-step=SaySorry]")!.GetAttribute("data-state").ShouldBe(nameof(StepState.Done));
        after.QuerySelector("[data-testid=time-to-apology]")!.TextContent.ShouldContain("Time to apology");
        after.QuerySelector("[data-testid=apologies]")!.TextContent.ShouldContain($"{TestWorld.FrontDeskName} apologised phone");
        after.QuerySelector("[data-testid=timeline] li")!.TextContent.ShouldContain("Apology recorded");
        after.QuerySelector("[aria-current=step]")!.GetAttribute("data-step").ShouldBe(nameof(ServiceStep.ExpediteSolutions));
    }

    [Fact]
    public async Task An_apology_before_the_defect_happened_is_refused_beside_the_field()
    {
        using var client = await fixture.SignInAsync(TestWorld.FrontDesk);
        var caseUrl = await Defects.LogAsync(client);
        var page = await client.GetPageAsync(caseUrl);

        var response = await client.SubmitAsync(page, "#apology-form", new() { ["Apology.ApologisedAt"] = "2020-01-01T09:00", ["Apology.ApologisedBy"] = "Jordan Lee" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await WebClient.ParseAsync(response);
        result.QuerySelector("[data-valmsg-for='Apology.ApologisedAt']")!.TextContent.ShouldBe("The apology cannot be before the defect happened.");
        result.QuerySelector("#Apology_ApologisedBy")!.GetAttribute("value").ShouldBe("Jordan Lee");
        result.QuerySelector("[data-step=SaySorry]")!.GetAttribute("data-state").ShouldNotBe(nameof(StepState.Done));
    }

    [Fact]
    public async Task Two_people_saving_one_case_at_once_never_overwrite_each_other()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var caseUrl = await Defects.LogAsync(frontDesk);
        var frontDeskPage = await frontDesk.GetPageAsync(caseUrl);
        var managerPage = await manager.GetPageAsync(caseUrl);

        var first = await frontDesk.SubmitAsync(frontDeskPage, "#apology-form", new() { ["Apology.ApologisedBy"] = "Mia at the desk" });
        var second = await manager.SubmitAsync(managerPage, "#apology-form", new() { ["Apology.ApologisedBy"] = "Sam on the phone", ["Apology.Method"] = "2" });

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var conflictPage = await WebClient.ParseAsync(second);
        conflictPage.QuerySelector("[data-testid=conflict]")!.TextContent.ShouldContain($"This case was changed by {TestWorld.FrontDeskName} at");
        conflictPage.QuerySelector("[data-testid=apologies]")!.TextContent.ShouldContain("Mia at the desk");
        conflictPage.QuerySelector("#Apology_ApologisedBy")!.GetAttribute("value").ShouldBe("Sam on the phone");

        var caseId = Defects.CaseIdOf(caseUrl);
        var stored = await fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).SelectMany(c => c.Apologies).Select(a => a.ApologisedBy).ToListAsync());
        stored.ShouldBe(["Mia at the desk"]);

        // The conflict page carries the fresh version, so saving again now works.
        var retry = await manager.SubmitAsync(conflictPage, "#apology-form", []);
        retry.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).SelectMany(c => c.Apologies).CountAsync())).ShouldBe(2);
    }

    [Fact]
    public async Task A_case_of_another_practice_is_not_found()
    {
        using var owner = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var outsider = await fixture.SignInAsync(TestWorld.OtherFrontDesk);
        var caseUrl = await Defects.LogAsync(owner, "Private Patient");
        var ownerPage = await owner.GetPageAsync(caseUrl);

        var view = await outsider.Http.GetAsync(caseUrl);
        var edit = await outsider.SubmitAsync(ownerPage, "#apology-form", []);

        view.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await view.Content.ReadAsStringAsync()).ShouldNotContain("Private Patient");
        edit.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest);
        var home = await outsider.GetPageAsync("/");
        home.Body!.TextContent.ShouldNotContain("Private Patient");
        var caseId = Defects.CaseIdOf(caseUrl);
        (await fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).SelectMany(c => c.Apologies).CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_case_shows_the_friendly_not_found_page_with_a_correlation_id()
    {
        using var client = await fixture.SignInAsync(TestWorld.FrontDesk);

        var response = await client.Http.GetAsync($"/cases/{Guid.NewGuid()}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = await WebClient.ParseAsync(response);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Page not found");
        var correlationId = page.QuerySelector("[data-testid=correlation-id]")!.TextContent;
        correlationId.ShouldNotBeNullOrWhiteSpace();
        response.Headers.GetValues("X-Correlation-Id").Single().ShouldBe(correlationId);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        using var client = await fixture.SignInAsync(TestWorld.FrontDesk);

        var response = await client.Http.GetAsync("/defects/log");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("script-src 'self'");
        csp.ShouldContain("style-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldNotContain("<script>");
        html.ShouldNotContain(" style=\"");
    }
}
