using System.Net;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Api;

/// <summary>Each API key has its own budget of calls a minute; over it, 429 problem details, and another key is not held up.</summary>
public sealed class ApiRateLimitTests
{
    [Fact]
    public async Task A_key_over_its_budget_gets_429_problem_details_and_another_key_has_its_own()
    {
        await using var app = new AppFactory(extraSettings: new Dictionary<string, string> { ["RateLimits:ApiCallsPerMinute"] = "2" });
        await app.StartAsync();
        using var manager = await WebClient.SignedInAsync(app, TestWorld.Manager);
        var busy = await ApiKeys.CreateAsync(manager, app.World.Harbourside.Id, "Busy bridge", ApiScopes.PatientsWrite);
        var calm = await ApiKeys.CreateAsync(manager, app.World.Harbourside.Id, "Calm bridge", ApiScopes.PatientsWrite);
        using var pms = new WebClient(app.CreateClient());
        const string patient = """{"name":"Ava Jones","phone":"0412 345 678"}""";

        (await pms.Http.SendAsync(ApiKeys.Put("/api/v1/patients/L-1", busy, patient))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await pms.Http.SendAsync(ApiKeys.Put("/api/v1/patients/L-1", busy, patient))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var third = await pms.Http.SendAsync(ApiKeys.Put("/api/v1/patients/L-1", busy, patient));
        var other = await pms.Http.SendAsync(ApiKeys.Put("/api/v1/patients/L-2", calm, patient));

        third.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        ApiKeys.IsProblem(third).ShouldBeTrue();
        other.StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
