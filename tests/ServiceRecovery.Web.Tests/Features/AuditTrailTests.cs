using System.Net;
using Microsoft.EntityFrameworkCore;
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

    [Fact]
    public async Task Failed_sign_ins_to_unknown_addresses_show_the_address_as_typed_and_never_the_password()
    {
        const string password = "Sprayed-Secret-2026";
        const string markup = "<b>nobody</b>@harbourside.test";
        var overLong = new string('a', 200) + "@example.test";
        using var visitor = fixture.Anonymous();
        const string reversed = "\u202Eevil@harbourside.test";
        foreach (var email in new[] { markup, overLong, reversed, TestWorld.Manager })
        {
            await visitor.SubmitAsync("/Account/SignIn", "form", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        }

        using var admin = await fixture.SignInAsync(TestWorld.Administrator);
        var response = await admin.Http.GetAsync("/audit?Filter.UnknownAccounts=true");

        var html = await response.Content.ReadAsStringAsync();
        html.ShouldNotContain(markup, customMessage: "the address is shown encoded");
        html.ShouldNotContain(password);
        var page = await WebClient.ParseAsync(response);
        ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#a-unknown")!).IsChecked.ShouldBeTrue();
        var rows = page.QuerySelectorAll("[data-testid=audit] tbody tr").Select(tr => tr.TextContent).ToList();
        rows.Count.ShouldBe(3, "the wrong password of a real account is not an unknown account");
        rows.ShouldAllBe(row => row.Contains("no such account"));
        rows.ShouldContain(row => row.Contains(markup));
        rows.ShouldContain(row => row.Contains("\uFFFDevil@harbourside.test"), "a right-to-left override is replaced, so it cannot disguise the address");
        rows.ShouldContain(row => row.Contains(new string('a', 90) + "…") && !row.Contains(overLong), "an address is shortened to 100 characters");

        var everything = (await admin.GetPageAsync("/audit?Filter.Kind=SignInFailed")).QuerySelector("[data-testid=audit]")!.TextContent;
        everything.ShouldContain(markup);
        everything.ShouldContain(TestWorld.ManagerName);
        (await fixture.App.WithDbAsync(db => db.Audit.AnyAsync(e => e.Detail.Contains(password) || e.ActorName.Contains(password)))).ShouldBeFalse();
    }
}
