using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Api;

/// <summary>PUT /api/v1/patients/{pmsId}: the PMS adds and updates patients by its own id, under the same rules as the import.</summary>
public sealed class PatientUpsertApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<string> KeyAsync(string name)
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        return await ApiKeys.CreateAsync(manager, fixture.World.Harbourside.Id, name, ApiScopes.PatientsWrite);
    }

    [Fact]
    public async Task The_upsert_creates_then_updates_one_patient_for_the_same_pms_id()
    {
        var key = await KeyAsync("Upsert bridge");
        using var pms = fixture.Anonymous();

        var created = await pms.Http.SendAsync(ApiKeys.Put("/api/v1/patients/PMS-100", key, """{"name":"Noah Brown","phone":"0412 111 222"}"""));
        var updated = await pms.Http.SendAsync(ApiKeys.Put("/api/v1/patients/PMS-100", key, """{"name":"Noah Brown-Smith","email":"noah@example.test"}"""));

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await updated.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("created").GetBoolean().ShouldBeFalse();
        var patient = (await fixture.App.WithDbAsync(db => db.Patients.AsNoTracking().Where(p => p.ExternalId == "PMS-100").ToListAsync())).ShouldHaveSingleItem();
        patient.PracticeId.ShouldBe(fixture.World.Harbourside.Id);
        patient.DisplayName.ShouldBe("Noah Brown-Smith");
        patient.PhoneE164.ShouldBe("+61412111222");
        patient.Email.ShouldBe("noah@example.test");
    }

    [Fact]
    public async Task A_patients_pms_id_in_the_path_never_appears_in_the_logs()
    {
        var key = await KeyAsync("Log bridge");
        using var pms = fixture.Anonymous();

        var response = await pms.Http.SendAsync(ApiKeys.Put("/api/v1/patients/PMS-LOGCHECK-7731", key, """{"name":"Olive Quill","phone":"0412 333 444"}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var logs = await fixture.App.ReadLogsAsync();
        logs.ShouldContain("/api/v1/patients/(PMS id)");
        logs.ShouldNotContain("PMS-LOGCHECK-7731");
        logs.ShouldNotContain("Olive Quill");
    }

    [Fact]
    public async Task Twelve_calls_at_once_for_the_same_new_pms_id_add_one_patient_and_the_others_update_it()
    {
        var key = await KeyAsync("Upsert at once");
        using var pms = fixture.Anonymous();

        // The practice is read before the write turn, the patient inside it: each call sees the one added before it.
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            pms.Http.SendAsync(ApiKeys.Put("/api/v1/patients/PMS-AT-ONCE", key, $$"""{"name":"Mia Chen {{i}}","phone":"0412 333 444"}"""))));

        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Created || s == HttpStatusCode.OK);
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        var patients = await fixture.App.WithDbAsync(db => db.Patients.AsNoTracking().Where(p => p.ExternalId == "PMS-AT-ONCE").ToListAsync());
        patients.ShouldHaveSingleItem().DisplayName.ShouldStartWith("Mia Chen");
    }

    [Fact]
    public async Task Malformed_json_gets_400_problem_details_and_saves_nothing()
    {
        var key = await KeyAsync("Malformed bridge");
        using var pms = fixture.Anonymous();
        var response = await pms.Http.SendAsync(ApiKeys.Put("/api/v1/patients/PMS-BAD", key, """{"name": "Half"""));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ApiKeys.IsProblem(response).ShouldBeTrue();
        (await response.Content.ReadAsStringAsync()).ShouldContain("Malformed JSON");
        (await fixture.App.WithDbAsync(db => db.Patients.CountAsync(p => p.ExternalId == "PMS-BAD"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_phone_that_cannot_be_dialled_gets_400_with_the_field_named()
    {
        var key = await KeyAsync("Bad phone bridge");
        using var pms = fixture.Anonymous();
        var response = await pms.Http.SendAsync(ApiKeys.Put("/api/v1/patients/PMS-PHONE", key, """{"name":"Ivy Green","phone":"12"}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ApiKeys.IsProblem(response).ShouldBeTrue();
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").GetProperty("phone")[0].GetString()!.ShouldContain("not a phone number");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Ivy");
    }

    [Fact]
    public async Task A_new_patient_without_a_way_to_reach_them_gets_400_problem_details()
    {
        var key = await KeyAsync("Unreachable bridge");
        using var pms = fixture.Anonymous();
        var response = await pms.Http.SendAsync(ApiKeys.Put("/api/v1/patients/PMS-NONE", key, """{"name":"Leo White"}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ApiKeys.IsProblem(response).ShouldBeTrue();
        (await response.Content.ReadAsStringAsync()).ShouldContain("errors");
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_problem_details()
    {
        var key = await KeyAsync("Oversized bridge");
        using var pms = fixture.Anonymous();
        var response = await pms.Http.SendAsync(ApiKeys.Put("/api/v1/patients/PMS-BIG", key, $$"""{"name":"{{new string('a', 1024 * 1024)}}"}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        ApiKeys.IsProblem(response).ShouldBeTrue();
    }
}
