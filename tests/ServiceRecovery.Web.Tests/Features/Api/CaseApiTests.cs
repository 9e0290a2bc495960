using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Api;

/// <summary>GET /api/v1/cases/{reference}: where a case of the key's practice stands, and nothing about its patient.</summary>
public sealed class CaseApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<string> KeyAsync(string name, string practice = TestWorld.Manager, params string[] scopes)
    {
        using var manager = await fixture.SignInAsync(practice);
        var practiceId = practice == TestWorld.OtherManager ? fixture.World.Other.Id : fixture.World.Harbourside.Id;
        return await ApiKeys.CreateAsync(manager, practiceId, name, scopes.Length == 0 ? [ApiScopes.CasesRead] : scopes);
    }

    /// <summary>A case logged at the front desk with an apology recorded, and its reference.</summary>
    private async Task<string> CaseWithApologyAsync(string patientName)
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await CasePage.OpenAsync(frontDesk, patientName);
        await page.SubmitAsync("#apology-form", new() { ["Apology.Method"] = ((int)ApologyMethod.Phone).ToString() });
        return await fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == page.CaseId).Select(c => c.Reference).SingleAsync());
    }

    [Fact]
    public async Task The_case_read_shows_its_status_and_seven_steps_and_no_patient_detail()
    {
        var reference = await CaseWithApologyAsync("Hazel Quigley");
        var key = await KeyAsync("Status board");
        using var board = fixture.Anonymous();

        var response = await board.Http.SendAsync(ApiKeys.Get($"/api/v1/cases/{reference}", key));

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        using var body = JsonDocument.Parse(text);
        var root = body.RootElement;
        root.GetProperty("reference").GetString().ShouldBe(reference);
        root.GetProperty("status").GetString().ShouldBe("open");
        root.GetProperty("severity").GetString().ShouldBe("moderate");
        root.GetProperty("stage").GetString().ShouldNotBeNullOrEmpty();
        root.GetProperty("currentStep").GetString().ShouldBe("expedite-solutions");
        root.GetProperty("nextDue").GetProperty("step").GetString().ShouldBe("expedite-solutions");
        var steps = root.GetProperty("steps").EnumerateArray().ToList();
        steps.Select(s => s.GetProperty("key").GetString()).ShouldBe(
            ["say-sorry", "expedite-solutions", "respond", "victory", "implement-improvements", "communicate-results", "extend-outcome"]);
        steps[0].GetProperty("title").GetString().ShouldBe("Say sorry");
        steps[0].GetProperty("state").GetString().ShouldBe("done");
        steps[0].GetProperty("settledAt").ValueKind.ShouldBe(JsonValueKind.String);
        steps[1].GetProperty("state").GetString().ShouldBe("pending");
        steps[1].GetProperty("settledAt").ValueKind.ShouldBe(JsonValueKind.Null);
        text.ShouldNotContain("Hazel");
        text.ShouldNotContain("Quigley");
        text.ShouldNotContain("0412");
        text.ShouldNotContain("olivia@example.com");
        text.ShouldNotContain("waited 40 minutes", Case.Insensitive);
    }

    [Fact]
    public async Task Another_practices_reference_gets_the_same_404_as_one_that_does_not_exist()
    {
        var reference = await CaseWithApologyAsync("Felix Harbour");
        var otherKey = await KeyAsync("Other status board", TestWorld.OtherManager);
        using var board = fixture.Anonymous();

        var theirs = await board.Http.SendAsync(ApiKeys.Get($"/api/v1/cases/{reference}", otherKey));
        var nobodys = await board.Http.SendAsync(ApiKeys.Get("/api/v1/cases/SR-2099-9999", otherKey));

        theirs.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        ApiKeys.IsProblem(theirs).ShouldBeTrue();
        nobodys.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await theirs.Content.ReadAsStringAsync()).ShouldBe(await nobodys.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_malformed_reference_gets_400_naming_reference()
    {
        var key = await KeyAsync("Typo board");
        using var board = fixture.Anonymous();

        var response = await board.Http.SendAsync(ApiKeys.Get("/api/v1/cases/case-42", key));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ApiKeys.IsProblem(response).ShouldBeTrue();
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").TryGetProperty("reference", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_key_without_cases_read_gets_403_naming_the_scope()
    {
        var reference = await CaseWithApologyAsync("Nina Scope");
        var key = await KeyAsync("Writer only", TestWorld.Manager, ApiScopes.DefectsWrite);
        using var bridge = fixture.Anonymous();

        var response = await bridge.Http.SendAsync(ApiKeys.Get($"/api/v1/cases/{reference}", key));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("scope").GetString().ShouldBe(ApiScopes.CasesRead);
    }
}
