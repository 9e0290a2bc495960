using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Api;

/// <summary>POST /api/v1/defects: a phone system or a kiosk reports a defect for a patient it knows by PMS id, and a case opens.</summary>
public sealed class DefectApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Description = "Waited 40 minutes on hold and the call dropped.";

    /// <summary>A key of the practice with the scopes, and the patients it sent first (by PMS id, with patients:write).</summary>
    private async Task<string> KeyWithPatientAsync(string name, string pmsId, bool otherPractice = false, params string[] scopes)
    {
        using var manager = await fixture.SignInAsync(otherPractice ? TestWorld.OtherManager : TestWorld.Manager);
        var practice = otherPractice ? fixture.World.Other.Id : fixture.World.Harbourside.Id;
        var key = await ApiKeys.CreateAsync(manager, practice, name, [ApiScopes.PatientsWrite, .. scopes]);
        using var pms = fixture.Anonymous();
        (await pms.Http.SendAsync(ApiKeys.Put($"/api/v1/patients/{pmsId}", key, """{"name":"Ruby Hale","phone":"0412 999 888"}"""))).StatusCode
            .ShouldBe(HttpStatusCode.Created);
        return key;
    }

    private static string Defect(string pmsId, string stage = "Waiting", string extra = "") =>
        $$"""{"pmsPatientId":"{{pmsId}}","stage":"{{stage}}","severity":"major","channel":"phone","description":"{{Description}}"{{extra}}}""";

    [Fact]
    public async Task A_posted_defect_opens_a_case_the_manager_sees_in_the_queue_written_by_the_key()
    {
        var key = await KeyWithPatientAsync("Reception kiosk", "PMS-D1", false, ApiScopes.DefectsWrite);
        using var kiosk = fixture.Anonymous();
        var occurredAt = DateTimeOffset.UtcNow.AddHours(-2).ToOffset(TimeSpan.FromHours(11));
        occurredAt = occurredAt.AddTicks(-(occurredAt.Ticks % TimeSpan.TicksPerSecond));

        var response = await kiosk.Http.SendAsync(ApiKeys.Post("/api/v1/defects", key,
            Defect("PMS-D1", extra: $$""","category":"Communication","occurredAt":"{{occurredAt:yyyy-MM-ddTHH:mm:sszzz}}" """)));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var reference = body.RootElement.GetProperty("reference").GetString()!;
        reference.ShouldStartWith("SR-");
        body.RootElement.TryGetProperty("sayingSorryDue", out _).ShouldBeTrue();
        response.Headers.Location!.OriginalString.ShouldBe($"/api/v1/cases/{reference}");

        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var queue = await manager.GetPageAsync($"/queue?Filter.Reference={reference}");
        var row = queue.QuerySelector("[data-testid=queue] tbody tr").ShouldNotBeNull();
        row.GetAttribute("data-case").ShouldBe(reference);
        row.TextContent.ShouldContain("Waiting");
        row.TextContent.ShouldContain("Major");
        var opened = await fixture.App.WithDbAsync(db => db.Cases.AsNoTracking().Include(c => c.Defect).SingleAsync(c => c.Reference == reference && c.PracticeId == fixture.World.Harbourside.Id));
        opened.OwnerId.ShouldBeNull();
        opened.Severity.ShouldBe(Severity.Major);
        opened.Defect.Channel.ShouldBe(DefectChannel.Phone);
        opened.Defect.LoggedByName.ShouldBe("API key “Reception kiosk”");
        opened.Defect.OccurredAt.ShouldBe(occurredAt);
        var timeline = await fixture.App.WithDbAsync(db => db.Timeline.AsNoTracking().Where(e => e.CaseId == opened.Id).ToListAsync());
        timeline.ShouldHaveSingleItem().ActorName.ShouldBe("API key “Reception kiosk”");
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_opens_one_case_and_answers_the_same_reference()
    {
        var key = await KeyWithPatientAsync("Retrying phone system", "PMS-D2", false, ApiScopes.DefectsWrite);
        using var phone = fixture.Anonymous();
        var idempotency = Guid.NewGuid().ToString();

        var first = await phone.Http.SendAsync(ApiKeys.Post("/api/v1/defects", key, Defect("PMS-D2"), idempotency));
        var again = await phone.Http.SendAsync(ApiKeys.Post("/api/v1/defects", key, Defect("PMS-D2"), idempotency));

        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        again.StatusCode.ShouldBe(HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
        using var firstBody = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        using var againBody = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        againBody.RootElement.GetProperty("reference").GetString().ShouldBe(firstBody.RootElement.GetProperty("reference").GetString());
        var cases = await fixture.App.WithDbAsync(db => db.Cases.CountAsync(c => c.Defect.Description == Description && db.Patients.Any(p => p.Id == c.Defect.PatientId && p.ExternalId == "PMS-D2")));
        cases.ShouldBe(1);
    }

    [Fact]
    public async Task An_unknown_pms_patient_id_gets_422_naming_the_id_and_opens_nothing()
    {
        var key = await KeyWithPatientAsync("Unknown patient kiosk", "PMS-D3", false, ApiScopes.DefectsWrite);
        using var kiosk = fixture.Anonymous();

        var response = await kiosk.Http.SendAsync(ApiKeys.Post("/api/v1/defects", key, Defect("PMS-NOBODY")));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
        ApiKeys.IsProblem(response).ShouldBeTrue();
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("pmsPatientId").GetString().ShouldBe("PMS-NOBODY");
        problem.RootElement.GetProperty("errors").TryGetProperty("pmsPatientId", out _).ShouldBeTrue();
        problem.RootElement.GetProperty("detail").GetString()!.ShouldContain("PMS-NOBODY");
    }

    [Fact]
    public async Task Another_practices_patient_pms_id_gets_422_as_not_found_in_this_practice()
    {
        await KeyWithPatientAsync("Other practice bridge", "PMS-ELSEWHERE", otherPractice: true);
        var key = await KeyWithPatientAsync("Harbourside kiosk", "PMS-D4", false, ApiScopes.DefectsWrite);
        using var kiosk = fixture.Anonymous();

        var response = await kiosk.Http.SendAsync(ApiKeys.Post("/api/v1/defects", key, Defect("PMS-ELSEWHERE")));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Ruby");
        (await fixture.App.WithDbAsync(db => db.Cases.IgnoreQueryFilters().CountAsync(c => db.Patients.IgnoreQueryFilters().Any(p => p.Id == c.Defect.PatientId && p.ExternalId == "PMS-ELSEWHERE"))))
            .ShouldBe(0);
    }

    [Fact]
    public async Task A_key_without_defects_write_gets_403_naming_the_scope()
    {
        var key = await KeyWithPatientAsync("Patients only bridge", "PMS-D5");
        using var bridge = fixture.Anonymous();

        var response = await bridge.Http.SendAsync(ApiKeys.Post("/api/v1/defects", key, Defect("PMS-D5")));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        ApiKeys.IsProblem(response).ShouldBeTrue();
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("scope").GetString().ShouldBe(ApiScopes.DefectsWrite);
    }

    [Fact]
    public async Task Malformed_json_gets_400_problem_details()
    {
        var key = await KeyWithPatientAsync("Malformed kiosk", "PMS-D6", false, ApiScopes.DefectsWrite);
        using var kiosk = fixture.Anonymous();

        var response = await kiosk.Http.SendAsync(ApiKeys.Post("/api/v1/defects", key, """{"pmsPatientId": "PMS-D6", """));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ApiKeys.IsProblem(response).ShouldBeTrue();
        (await response.Content.ReadAsStringAsync()).ShouldContain("Malformed JSON");
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_problem_details()
    {
        var key = await KeyWithPatientAsync("Oversized kiosk", "PMS-D7", false, ApiScopes.DefectsWrite);
        using var kiosk = fixture.Anonymous();

        var response = await kiosk.Http.SendAsync(ApiKeys.Post("/api/v1/defects", key, Defect("PMS-D7", extra: $$""","category":"{{new string('a', 1024 * 1024)}}" """)));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        ApiKeys.IsProblem(response).ShouldBeTrue();
    }

    [Fact]
    public async Task An_unknown_stage_a_wrong_severity_and_a_time_without_offset_each_get_400_naming_the_field()
    {
        var key = await KeyWithPatientAsync("Careless kiosk", "PMS-D8", false, ApiScopes.DefectsWrite);
        using var kiosk = fixture.Anonymous();

        var stage = await kiosk.Http.SendAsync(ApiKeys.Post("/api/v1/defects", key, Defect("PMS-D8", stage: "Car park")));
        var severity = await kiosk.Http.SendAsync(ApiKeys.Post("/api/v1/defects", key,
            """{"pmsPatientId":"PMS-D8","stage":"Waiting","severity":"apocalyptic","occurredAt":"2026-12-01T09:15:00","description":"Long wait."}"""));
        var idempotency = await kiosk.Http.SendAsync(ApiKeys.Post("/api/v1/defects", key, Defect("PMS-D8"), "not-a-guid"));

        stage.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using (var problem = JsonDocument.Parse(await stage.Content.ReadAsStringAsync()))
        {
            problem.RootElement.GetProperty("errors").TryGetProperty("stage", out _).ShouldBeTrue();
        }

        severity.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using (var problem = JsonDocument.Parse(await severity.Content.ReadAsStringAsync()))
        {
            problem.RootElement.GetProperty("errors").TryGetProperty("severity", out _).ShouldBeTrue();
            problem.RootElement.GetProperty("errors").TryGetProperty("occurredAt", out _).ShouldBeTrue();
        }

        idempotency.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await idempotency.Content.ReadAsStringAsync()).ShouldContain("Idempotency-Key");
    }
}
