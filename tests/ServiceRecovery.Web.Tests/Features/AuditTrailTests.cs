using System.Net;
using ServiceRecovery.Testing;

namespace ServiceRecovery.Web.Tests.Features;

public sealed class AuditTrailTests(Support.AppFixture fixture) : IClassFixture<Support.AppFixture>
{
    [Fact]
    public async Task Administrators_read_sign_ins_and_exports_and_nobody_else_can()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        await manager.Http.GetAsync("/queue?handler=Csv");
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);

        var trail = await admin.GetPageAsync("/audit");
        var text = trail.QuerySelector("[data-testid=audit]")!.TextContent;
        text.ShouldContain("Sign in succeeded");
        text.ShouldContain(TestWorld.ManagerName);
        text.ShouldContain("Exported");

        var exportsOnly = await admin.GetPageAsync("/audit?Filter.Kind=Export");
        exportsOnly.QuerySelectorAll("[data-testid=audit] tbody tr").Select(tr => tr.TextContent).ShouldAllBe(t => t.Contains("Export"));
        (await manager.Http.GetAsync("/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.Http.GetAsync("/audit?Filter.From=2026-05-01&Filter.To=2026-01-01")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_audit_trail_offers_no_way_to_change_an_event()
    {
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);
        var trail = await admin.GetPageAsync("/audit");

        trail.QuerySelectorAll("form[method=post]").Where(f => f.Id != "sign-out-form").ShouldBeEmpty();
        (await admin.Http.PostAsync("/audit", new FormUrlEncodedContent([]))).StatusCode.ShouldBeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.MethodNotAllowed, HttpStatusCode.NotFound);
    }
}
