using System.Net;
using System.Text.Json;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Api;

/// <summary>GET /api/v1/stages: what a bridge may name in a defect, for its own practice only.</summary>
public sealed class StagesApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Any_key_reads_its_practices_current_stages_and_categories_in_order()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var key = await ApiKeys.CreateAsync(manager, fixture.World.Harbourside.Id, "Stage reader", ApiScopes.CasesRead);
        using var bridge = fixture.Anonymous();

        var response = await bridge.Http.SendAsync(ApiKeys.Get("/api/v1/stages", key));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var stages = body.RootElement.GetProperty("stages").EnumerateArray().ToList();
        stages.Select(s => s.GetProperty("name").GetString()).ShouldBe(CxStage.DefaultNames);
        stages.Select(s => s.GetProperty("id").GetGuid()).ShouldBe(fixture.World.Harbourside.Stages.OrderBy(s => s.Position).Select(s => s.Id));
        body.RootElement.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ShouldBe(DefectCategory.DefaultNames);
    }
}
