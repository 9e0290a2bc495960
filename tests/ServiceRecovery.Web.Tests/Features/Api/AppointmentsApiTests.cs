using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Api;

/// <summary>POST /api/v1/appointments: a PMS bridge sends its appointments in batches; each item is answered on its own.</summary>
public sealed class AppointmentsApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Path = "/api/v1/appointments";

    private async Task<string> KeyAsync(string name, Guid? practiceId = null, params string[] scopes)
    {
        using var manager = await fixture.SignInAsync(practiceId is null ? TestWorld.Manager : TestWorld.OtherManager);
        return await ApiKeys.CreateAsync(manager, practiceId ?? fixture.World.Harbourside.Id, name,
            scopes.Length == 0 ? [ApiScopes.PatientsWrite, ApiScopes.AppointmentsWrite] : scopes);
    }

    private static async Task PutPatientAsync(WebClient pms, string key, string pmsId, string name = "Noah Brown")
    {
        var response = await pms.Http.SendAsync(ApiKeys.Put($"/api/v1/patients/{pmsId}", key, $$"""{"name":"{{name}}","phone":"0412 111 222"}"""));
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Item(string id, string pmsPatientId, string start, string status) =>
        $$"""{"appointmentId":"{{id}}","pmsPatientId":"{{pmsPatientId}}","start":"{{start}}","status":"{{status}}"}""";

    private static string Batch(params string[] items) => $$"""{"appointments":[{{string.Join(",", items)}}]}""";

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(WebClient pms, string key, string json)
    {
        var response = await pms.Http.SendAsync(ApiKeys.Post(Path, key, json));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private Task<int> AppointmentCountAsync(string prefix) =>
        fixture.App.WithDbAsync(db => db.Appointments.CountAsync(a => a.ExternalId.StartsWith(prefix)));

    [Fact]
    public async Task Ten_posts_at_once_of_the_same_new_appointment_add_it_once_and_each_answers_200()
    {
        var key = await KeyAsync("Appointments at once");
        using var pms = fixture.Anonymous();
        await PutPatientAsync(pms, key, "PMS-AO-1");
        var start = Iso(DateTimeOffset.UtcNow.AddDays(3));

        // The patients are read before the write turn, the appointments inside it: a call never adds what another has just added.
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostAsync(pms, key, Batch(Item("APT-AO-1", "PMS-AO-1", start, "booked")))));

        results.Select(r => r.Status).ShouldAllBe(s => s == HttpStatusCode.OK);
        results.Count(r => r.Body.GetProperty("added").GetInt32() == 1).ShouldBe(1);
        results.Count(r => r.Body.GetProperty("unchanged").GetInt32() == 1).ShouldBe(9);
        (await AppointmentCountAsync("APT-AO-")).ShouldBe(1);
    }

    [Fact]
    public async Task A_pms_bridge_sends_patients_then_a_batch_and_every_appointment_is_added()
    {
        var key = await KeyAsync("Bridge");
        using var pms = fixture.Anonymous();
        await PutPatientAsync(pms, key, "PMS-BR-1");
        await PutPatientAsync(pms, key, "PMS-BR-2", "Ava Jones");
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1);

        var (status, body) = await PostAsync(pms, key, Batch(
            Item("APT-BR-1", "PMS-BR-1", Iso(tomorrow), "booked"),
            Item("APT-BR-2", "PMS-BR-2", tomorrow.ToOffset(TimeSpan.FromHours(11)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), "booked")));

        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("accepted").GetInt32().ShouldBe(2);
        body.GetProperty("added").GetInt32().ShouldBe(2);
        body.GetProperty("refused").GetInt32().ShouldBe(0);
        body.GetProperty("items")[1].GetProperty("outcome").GetString().ShouldBe("added");
        var stored = await fixture.App.WithDbAsync(db => db.Appointments.AsNoTracking().Where(a => a.ExternalId.StartsWith("APT-BR-")).ToListAsync());
        stored.Count.ShouldBe(2);
        stored.ShouldAllBe(a => a.PracticeId == fixture.World.Harbourside.Id && a.Source == AppointmentSource.Api && a.Status == AppointmentStatus.Booked);
    }

    [Fact]
    public async Task The_same_batch_twice_changes_nothing_the_second_time()
    {
        var key = await KeyAsync("Twice bridge");
        using var pms = fixture.Anonymous();
        await PutPatientAsync(pms, key, "PMS-TW-1");
        var batch = Batch(Item("APT-TW-1", "PMS-TW-1", Iso(DateTimeOffset.UtcNow.AddDays(-3)), "attended"),
            Item("APT-TW-2", "PMS-TW-1", Iso(DateTimeOffset.UtcNow.AddDays(7)), "booked"));

        var (_, first) = await PostAsync(pms, key, batch);
        var (status, second) = await PostAsync(pms, key, batch);

        first.GetProperty("added").GetInt32().ShouldBe(2);
        status.ShouldBe(HttpStatusCode.OK);
        second.GetProperty("unchanged").GetInt32().ShouldBe(2);
        second.GetProperty("added").GetInt32().ShouldBe(0);
        second.GetProperty("updated").GetInt32().ShouldBe(0);
        (await AppointmentCountAsync("APT-TW-")).ShouldBe(2);
    }

    [Fact]
    public async Task An_update_of_an_appointment_id_replaces_its_status()
    {
        var key = await KeyAsync("Update bridge");
        using var pms = fixture.Anonymous();
        await PutPatientAsync(pms, key, "PMS-UP-1");
        var start = Iso(DateTimeOffset.UtcNow.AddDays(5));

        await PostAsync(pms, key, Batch(Item("APT-UP-1", "PMS-UP-1", start, "booked")));
        var (status, body) = await PostAsync(pms, key, Batch(Item("APT-UP-1", "PMS-UP-1", start, "cancelled")));

        status.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("updated").GetInt32().ShouldBe(1);
        body.GetProperty("items")[0].GetProperty("outcome").GetString().ShouldBe("updated");
        var stored = (await fixture.App.WithDbAsync(db => db.Appointments.AsNoTracking().Where(a => a.ExternalId == "APT-UP-1").ToListAsync())).ShouldHaveSingleItem();
        stored.Status.ShouldBe(AppointmentStatus.Cancelled);
    }

    [Fact]
    public async Task An_attended_visit_after_a_defect_resolves_the_cases_extend_step()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await frontDesk.GetPageAsync("/defects/log");
        var form = Defects.Form(page, "Grace Lee");
        form["Input.PatientPmsId"] = "PMS-RET-1";
        form["Input.OccurredAt"] = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        var logged = await frontDesk.SubmitAsync(page, "#log-defect-form", form);
        logged.StatusCode.ShouldBe(HttpStatusCode.Redirect, await logged.Content.ReadAsStringAsync());
        var caseId = Defects.CaseIdOf(logged.Headers.Location!.OriginalString);
        var key = await KeyAsync("Return bridge");
        using var pms = fixture.Anonymous();

        var (status, body) = await PostAsync(pms, key, Batch(Item("APT-RET-1", "PMS-RET-1", Iso(DateTimeOffset.UtcNow.AddHours(-2)), "attended")));

        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("returnsRecorded").GetInt32().ShouldBe(1);
        var recoveryCase = await fixture.App.WithDbAsync(db => db.Cases.AsNoTracking().Include(c => c.Returns).SingleAsync(c => c.Id == caseId));
        recoveryCase.Steps.Extend.IsSettled.ShouldBeTrue();
        recoveryCase.Returns.ShouldHaveSingleItem().AppointmentId.ShouldNotBeNull();
        var casePage = await frontDesk.Http.GetStringAsync(logged.Headers.Location);
        casePage.ShouldContain("from the practice-management system");
    }

    [Fact]
    public async Task A_mixed_batch_reports_what_was_taken_and_why_each_other_item_was_refused()
    {
        var key = await KeyAsync("Mixed bridge");
        using var pms = fixture.Anonymous();
        await PutPatientAsync(pms, key, "PMS-MX-1");
        var start = Iso(DateTimeOffset.UtcNow.AddDays(2));

        var (status, body) = await PostAsync(pms, key, Batch(
            Item("APT-MX-1", "PMS-MX-1", start, "booked"),
            Item("APT-MX-2", "PMS-MX-1", start, "maybe"),
            Item("APT-MX-3", "PMS-MX-1", "2026-03-14 10:30", "booked"),
            Item("APT-MX-4", "PMS-NOBODY", start, "booked")));

        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("accepted").GetInt32().ShouldBe(1);
        body.GetProperty("refused").GetInt32().ShouldBe(3);
        var items = body.GetProperty("items");
        items[0].GetProperty("outcome").GetString().ShouldBe("added");
        items[1].GetProperty("errors").GetProperty("status")[0].GetString()!.ShouldContain("booked, attended");
        items[2].GetProperty("errors").GetProperty("start")[0].GetString()!.ShouldContain("offset");
        items[3].GetProperty("errors").GetProperty("pmsPatientId")[0].GetString()!.ShouldContain("no patient");
        items[3].GetProperty("pmsPatientId").GetString().ShouldBe("PMS-NOBODY");
        items[0].TryGetProperty("errors", out _).ShouldBeFalse();
        (await AppointmentCountAsync("APT-MX-")).ShouldBe(1);
    }

    [Fact]
    public async Task A_batch_only_for_unknown_patients_gets_422_naming_their_pms_ids()
    {
        var key = await KeyAsync("Unknown bridge");
        using var pms = fixture.Anonymous();

        var response = await pms.Http.SendAsync(ApiKeys.Post(Path, key, Batch(Item("APT-UK-1", "PMS-UK-9", Iso(DateTimeOffset.UtcNow.AddDays(1)), "booked"))));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ApiKeys.IsProblem(response).ShouldBeTrue();
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("unknownPmsPatientIds")[0].GetString().ShouldBe("PMS-UK-9");
        problem.RootElement.GetProperty("items")[0].GetProperty("outcome").GetString().ShouldBe("refused");
        (await AppointmentCountAsync("APT-UK-")).ShouldBe(0);
    }

    [Fact]
    public async Task Another_practices_patient_is_an_unknown_pms_id_here()
    {
        var otherKey = await KeyAsync("Other bridge", fixture.World.Other.Id, ApiScopes.PatientsWrite);
        var key = await KeyAsync("Our bridge");
        using var pms = fixture.Anonymous();
        await PutPatientAsync(pms, otherKey, "PMS-OT-1");

        var (status, body) = await PostAsync(pms, key, Batch(Item("APT-OT-1", "PMS-OT-1", Iso(DateTimeOffset.UtcNow.AddDays(1)), "booked")));

        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        body.GetProperty("unknownPmsPatientIds")[0].GetString().ShouldBe("PMS-OT-1");
        (await AppointmentCountAsync("APT-OT-")).ShouldBe(0);
    }

    [Fact]
    public async Task A_key_without_appointments_write_gets_403_naming_the_scope()
    {
        var key = await KeyAsync("Patients only", null, ApiScopes.PatientsWrite);
        using var pms = fixture.Anonymous();

        var response = await pms.Http.SendAsync(ApiKeys.Post(Path, key, Batch(Item("APT-SC-1", "PMS-SC-1", Iso(DateTimeOffset.UtcNow), "booked"))));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        ApiKeys.IsProblem(response).ShouldBeTrue();
        (await response.Content.ReadAsStringAsync()).ShouldContain(ApiScopes.AppointmentsWrite);
    }

    [Fact]
    public async Task Malformed_json_gets_400_problem_details()
    {
        var key = await KeyAsync("Malformed appointments");
        using var pms = fixture.Anonymous();

        var response = await pms.Http.SendAsync(ApiKeys.Post(Path, key, """{"appointments":[{"appointmentId":"APT-"""));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ApiKeys.IsProblem(response).ShouldBeTrue();
        (await response.Content.ReadAsStringAsync()).ShouldContain("Malformed JSON");
    }

    [Fact]
    public async Task More_than_a_thousand_items_get_400_naming_appointments_and_save_nothing()
    {
        var key = await KeyAsync("Big batch");
        using var pms = fixture.Anonymous();
        await PutPatientAsync(pms, key, "PMS-BIG-1");
        var start = Iso(DateTimeOffset.UtcNow.AddDays(1));

        var response = await pms.Http.SendAsync(ApiKeys.Post(Path, key, Batch([.. Enumerable.Range(0, 1001).Select(i => Item($"APT-BIG-{i}", "PMS-BIG-1", start, "booked"))])));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ApiKeys.IsProblem(response).ShouldBeTrue();
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").GetProperty("appointments")[0].GetString()!.ShouldContain("at most 1000");
        (await AppointmentCountAsync("APT-BIG-")).ShouldBe(0);
    }

    [Fact]
    public async Task A_batch_where_every_item_breaks_a_rule_gets_400_with_each_items_reason()
    {
        var key = await KeyAsync("All wrong");
        using var pms = fixture.Anonymous();
        await PutPatientAsync(pms, key, "PMS-AW-1");

        var (status, body) = await PostAsync(pms, key, Batch(Item("APT-AW-1", "PMS-AW-1", "not a date", "booked"), Item("", "PMS-AW-1", Iso(DateTimeOffset.UtcNow), "booked")));

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("items")[0].GetProperty("errors").GetProperty("start")[0].GetString()!.ShouldContain("offset");
        body.GetProperty("items")[1].GetProperty("errors").GetProperty("appointmentId")[0].GetString()!.ShouldContain("required");
        body.TryGetProperty("unknownPmsPatientIds", out _).ShouldBeFalse();
    }
}
