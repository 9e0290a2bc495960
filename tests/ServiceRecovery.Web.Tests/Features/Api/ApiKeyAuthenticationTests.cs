using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Api;

/// <summary>Who may call the API: a practice's own key, not revoked, with the endpoint's scope, and only ever for its practice.</summary>
public sealed class ApiKeyAuthenticationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Patient = """{"name":"Ava Jones","phone":"0412 345 678","email":"ava@example.test"}""";

    [Fact]
    public async Task A_call_without_a_key_gets_401_problem_details()
    {
        using var anonymous = fixture.Anonymous();
        var response = await anonymous.Http.SendAsync(ApiKeys.Put("/api/v1/patients/A-1", null, Patient));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        ApiKeys.IsProblem(response).ShouldBeTrue();
        (await response.Content.ReadAsStringAsync()).ShouldContain("X-Api-Key");
    }

    [Fact]
    public async Task A_signed_in_manager_without_a_key_gets_401_the_cookie_never_opens_the_api()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var response = await manager.Http.SendAsync(ApiKeys.Put("/api/v1/patients/A-2", null, Patient));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        ApiKeys.IsProblem(response).ShouldBeTrue();
    }

    [Fact]
    public async Task A_wrong_key_gets_401_problem_details()
    {
        using var anonymous = fixture.Anonymous();
        var response = await anonymous.Http.SendAsync(ApiKeys.Put("/api/v1/patients/A-3", ApiKey.Marker + SecretToken.New(), Patient));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        ApiKeys.IsProblem(response).ShouldBeTrue();
    }

    [Fact]
    public async Task A_revoked_key_gets_401_problem_details()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var practice = fixture.World.Harbourside.Id;
        var key = await ApiKeys.CreateAsync(manager, practice, "Soon revoked", ApiScopes.PatientsWrite);
        using var anonymous = fixture.Anonymous();
        (await anonymous.Http.SendAsync(ApiKeys.Put("/api/v1/patients/R-1", key, Patient))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var id = await fixture.App.WithDbAsync(db => db.ApiKeys.Where(k => k.Name == "Soon revoked").Select(k => k.Id).SingleAsync());
        var confirm = await manager.GetPageAsync($"{ApiKeys.Page}?practice={practice}&revoke={id}");
        (await manager.SubmitAsync(confirm, "#revoke-form", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var response = await anonymous.Http.SendAsync(ApiKeys.Put("/api/v1/patients/R-1", key, Patient));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        ApiKeys.IsProblem(response).ShouldBeTrue();
        (await response.Content.ReadAsStringAsync()).ShouldContain("wrong or revoked");
    }

    [Fact]
    public async Task A_key_of_an_archived_practice_gets_401_like_a_revoked_one()
    {
        // A practice of its own, so that archiving it leaves the other tests' practices as they are.
        var secret = await fixture.App.WithDbAsync(async db =>
        {
            var practice = Practice.CreateWithDefaults("Closed Lane Dental", "closed-lane", "Australia/Sydney", "en-AU", "AUD");
            var (key, secret) = ApiKey.Create(practice.Id, "Old bridge", [ApiScopes.PatientsWrite],
                new Actor("system", "Setup", StaffRole.Administrator), DateTimeOffset.UtcNow);
            practice.Archive(new Actor("system", "Setup", StaffRole.Administrator), DateTimeOffset.UtcNow);
            db.Practices.Add(practice);
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync();
            return secret;
        });
        using var anonymous = fixture.Anonymous();

        var response = await anonymous.Http.SendAsync(ApiKeys.Put("/api/v1/patients/Z-1", secret, Patient));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        ApiKeys.IsProblem(response).ShouldBeTrue();
        (await response.Content.ReadAsStringAsync()).ShouldContain("wrong or revoked");
    }

    [Fact]
    public async Task A_key_without_the_scope_gets_403_naming_it()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var key = await ApiKeys.CreateAsync(manager, fixture.World.Harbourside.Id, "Reads cases only", ApiScopes.CasesRead);
        using var anonymous = fixture.Anonymous();
        var response = await anonymous.Http.SendAsync(ApiKeys.Put("/api/v1/patients/S-1", key, Patient));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        ApiKeys.IsProblem(response).ShouldBeTrue();
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("scope").GetString().ShouldBe(ApiScopes.PatientsWrite);
        problem.RootElement.GetProperty("detail").GetString()!.ShouldContain(ApiScopes.PatientsWrite);
        (await fixture.App.WithDbAsync(db => db.Patients.CountAsync(p => p.ExternalId == "S-1"))).ShouldBe(0);
    }

    [Fact]
    public async Task Another_practices_key_cannot_see_or_change_this_practices_patient()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        using var otherManager = await fixture.SignInAsync(TestWorld.OtherManager);
        var ours = await ApiKeys.CreateAsync(manager, fixture.World.Harbourside.Id, "Harbourside bridge", ApiScopes.PatientsWrite);
        var theirs = await ApiKeys.CreateAsync(otherManager, fixture.World.Other.Id, "Other bridge", ApiScopes.PatientsWrite);
        using var anonymous = fixture.Anonymous();
        (await anonymous.Http.SendAsync(ApiKeys.Put("/api/v1/patients/SHARED-1", ours, Patient))).StatusCode.ShouldBe(HttpStatusCode.Created);

        // The same PMS id from the other practice's key is a patient of that practice: it does not find ours, and cannot change it.
        var response = await anonymous.Http.SendAsync(ApiKeys.Put("/api/v1/patients/SHARED-1", theirs, """{"name":"Someone Else","phone":"0498 765 432"}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var patients = await fixture.App.WithDbAsync(db => db.Patients.AsNoTracking().Where(p => p.ExternalId == "SHARED-1").ToListAsync());
        patients.Count.ShouldBe(2);
        patients.Single(p => p.PracticeId == fixture.World.Harbourside.Id).DisplayName.ShouldBe("Ava Jones");
        patients.Single(p => p.PracticeId == fixture.World.Other.Id).DisplayName.ShouldBe("Someone Else");
    }

    [Fact]
    public async Task A_call_notes_the_keys_last_use_and_the_audit_counts_calls_without_their_contents()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var key = await ApiKeys.CreateAsync(manager, fixture.World.Harbourside.Id, "Counted bridge", ApiScopes.PatientsWrite);
        using var anonymous = fixture.Anonymous();
        (await anonymous.Http.SendAsync(ApiKeys.Put("/api/v1/patients/C-1", key, Patient))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await anonymous.Http.SendAsync(ApiKeys.Put("/api/v1/patients/C-1", key, Patient))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var stored = await fixture.App.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Name == "Counted bridge"));
        stored.LastUsedAt.ShouldNotBeNull();
        var audit = await fixture.App.WithDbAsync(db => db.Audit.AsNoTracking().Where(a => a.Kind == AuditKind.ApiCalls && a.Detail.Contains(stored.Prefix)).ToListAsync());
        audit.ShouldHaveSingleItem().Detail.ShouldContain("1 API call");
        audit[0].Detail.ShouldNotContain("Ava");
        audit[0].Detail.ShouldNotContain("0412");
        (await manager.Http.GetStringAsync(ApiKeys.Page)).ShouldNotContain(">Never<");
    }

    [Fact]
    public async Task Calls_not_yet_written_when_the_app_stops_are_written_then_so_none_goes_uncounted()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var key = await ApiKeys.CreateAsync(manager, fixture.World.Harbourside.Id, "Stopping bridge", ApiScopes.PatientsWrite);
        using var anonymous = fixture.Anonymous();
        for (var i = 0; i < 3; i++)
        {
            (await anonymous.Http.SendAsync(ApiKeys.Put("/api/v1/patients/STOP-1", key, Patient))).IsSuccessStatusCode.ShouldBeTrue();
        }

        // The first call noted the key's use and wrote its count; the other two wait for the next minute's note, or the stop.
        await fixture.App.Services.GetServices<IHostedService>().OfType<ApiCallFlush>().Single().StopAsync(CancellationToken.None);

        var prefix = await fixture.App.WithDbAsync(db => db.ApiKeys.AsNoTracking().Where(k => k.Name == "Stopping bridge").Select(k => k.Prefix).SingleAsync());
        var audit = await fixture.App.WithDbAsync(db => db.Audit.AsNoTracking().Where(a => a.Kind == AuditKind.ApiCalls && a.Detail.Contains(prefix)).Select(a => a.Detail).ToListAsync());
        audit.Sum(d => int.Parse(d[..d.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture)).ShouldBe(3);
        audit.ShouldContain(d => d.Contains("written as the app stopped", StringComparison.Ordinal));
    }
}
