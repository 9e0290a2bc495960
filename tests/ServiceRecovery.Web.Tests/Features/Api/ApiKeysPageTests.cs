using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Api;

/// <summary>The API keys page: a manager creates a key (shown once, kept only as its hash), sees it listed, and revokes it after a confirm step.</summary>
public sealed class ApiKeysPageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_new_key_is_shown_once_and_the_database_holds_only_its_hash()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var key = await ApiKeys.CreateAsync(manager, fixture.World.Harbourside.Id, "Front desk PMS bridge", ApiScopes.PatientsWrite, ApiScopes.AppointmentsWrite);

        key.ShouldStartWith(ApiKey.Marker);
        var stored = await fixture.App.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Name == "Front desk PMS bridge"));
        stored.SecretHash.ShouldBe(SecretToken.Hash(key));
        new[] { stored.Name, stored.Prefix, stored.Scopes, stored.SecretHash, stored.CreatedById, stored.CreatedByName }.ShouldNotContain(key);
        key.ShouldStartWith(stored.Prefix);
        stored.Scopes.ShouldBe("appointments:write patients:write");

        var again = await manager.Http.GetStringAsync($"{ApiKeys.Page}?practice={fixture.World.Harbourside.Id}");
        again.ShouldNotContain(key);
        again.ShouldContain("Front desk PMS bridge");
        again.ShouldContain(stored.Prefix + "…");
        var audited = await fixture.App.WithDbAsync(db => db.Audit.AsNoTracking().Where(a => a.Kind == AuditKind.ApiKeyCreated).Select(a => a.Detail).ToListAsync());
        audited.ShouldContain(d => d.Contains("Front desk PMS bridge") && !d.Contains(key));
    }

    [Fact]
    public async Task A_key_without_a_name_is_refused_beside_the_name()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var response = await ApiKeys.PostCreateAsync(manager, fixture.World.Harbourside.Id, "", ApiScopes.PatientsWrite);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await WebClient.ParseAsync(response);
        page.QuerySelector("[data-testid=new-key]").ShouldBeNull();
        page.QuerySelector("[data-valmsg-for='Input.Name']")!.TextContent.ShouldContain("Give the key a name");
    }

    [Fact]
    public async Task A_key_without_a_scope_is_refused_beside_the_scopes_and_keeps_its_name()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var response = await ApiKeys.PostCreateAsync(manager, fixture.World.Harbourside.Id, "Kiosk without scopes");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await WebClient.ParseAsync(response);
        page.QuerySelector("[data-valmsg-for='Input.Scopes']")!.TextContent.ShouldContain("Choose at least one thing the key may do.");
        ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#Input_Name")!).Value.ShouldBe("Kiosk without scopes");
        (await fixture.App.WithDbAsync(db => db.ApiKeys.CountAsync(k => k.Name == "Kiosk without scopes"))).ShouldBe(0);
    }

    [Fact]
    public async Task Revoking_asks_first_and_then_lists_the_key_as_revoked()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var practice = fixture.World.Harbourside.Id;
        await ApiKeys.CreateAsync(manager, practice, "Old bridge", ApiScopes.CasesRead);
        var id = await fixture.App.WithDbAsync(db => db.ApiKeys.Where(k => k.Name == "Old bridge").Select(k => k.Id).SingleAsync());

        var confirm = await manager.GetPageAsync($"{ApiKeys.Page}?practice={practice}&revoke={id}");
        confirm.QuerySelector("[data-testid=confirm-revoke]")!.TextContent.ShouldContain("Revoke “Old bridge”");
        var revoked = await manager.SubmitAsync(confirm, "#revoke-form", []);

        revoked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var list = await manager.Http.GetStringAsync($"{ApiKeys.Page}?practice={practice}");
        list.ShouldContain("Revoked");
        var key = await fixture.App.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == id));
        key.RevokedByName.ShouldBe(TestWorld.ManagerName);
        (await fixture.App.WithDbAsync(db => db.Audit.CountAsync(a => a.Kind == AuditKind.ApiKeyRevoked && a.Detail.Contains("Old bridge")))).ShouldBe(1);
    }

    [Fact]
    public async Task A_practice_without_keys_says_so()
    {
        using var manager = await fixture.SignInAsync(TestWorld.OtherManager);
        var page = await manager.GetPageAsync(ApiKeys.Page);

        page.QuerySelector("[data-testid=no-keys]")!.TextContent.ShouldContain("No API keys yet");
    }
}
