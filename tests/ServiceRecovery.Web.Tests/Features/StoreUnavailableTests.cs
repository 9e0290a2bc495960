using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Infrastructure.Pipeline;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>A database that cannot take a write (locked by another writer, or the write gate held) within the bound.</summary>
public sealed class StoreUnavailableTests : IAsyncLifetime
{
    private const string NotSaved = "Not saved. Nothing was lost; try again in a moment.";
    private static readonly TimeSpan WithinTheBound = TimeSpan.FromSeconds(5);

    private readonly AppFactory app = new(extraSettings: new Dictionary<string, string> { ["Database:WriteWaitSeconds"] = "1" });

    public ValueTask InitializeAsync() => new(app.StartAsync());

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task A_locked_database_answers_not_saved_within_the_bound_keeps_nothing_and_readiness_is_unhealthy_until_the_lock_is_released()
    {
        using var client = await WebClient.SignedInAsync(app, TestWorld.FrontDesk);
        var page = await client.GetPageAsync("/defects/log");
        var form = Defects.Form(page, "Penelope Vance");
        var before = await CaseCount();

        HttpResponseMessage refused;
        HttpResponseMessage readyWhileLocked;
        var clock = Stopwatch.StartNew();
        await using (var other = new SqliteConnection($"Data Source={Path.Combine(app.DataFolder, "servicerecovery.db")};Pooling=False"))
        {
            await other.OpenAsync(TestContext.Current.CancellationToken);
            await using (var hold = other.CreateCommand())
            {
                hold.CommandText = "BEGIN IMMEDIATE;";
                await hold.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            clock.Restart();
            refused = await client.SubmitAsync(page, "#log-defect-form", form);
            clock.Stop();
            readyWhileLocked = await client.Http.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        }

        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        clock.Elapsed.ShouldBeLessThan(WithinTheBound);
        var shown = await WebClient.ParseAsync(refused);
        shown.QuerySelector("h1")!.TextContent.ShouldBe("Not saved");
        shown.Body!.TextContent.ShouldContain(NotSaved);
        (await CaseCount()).ShouldBe(before);
        readyWhileLocked.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await readyWhileLocked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("Unhealthy");
        (await app.ReadLogsAsync()).ShouldNotContain("Penelope Vance");

        var again = await client.SubmitAsync(page, "#log-defect-form", form);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CaseCount()).ShouldBe(before + 1);
        var ready = await client.Http.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("Healthy");
    }

    [Fact]
    public async Task A_command_that_waits_too_long_for_its_turn_to_write_answers_not_saved_within_the_bound()
    {
        using var client = await WebClient.SignedInAsync(app, TestWorld.FrontDesk);
        var page = await client.GetPageAsync("/defects/log");
        var form = Defects.Form(page, "Penelope Vance");
        var before = await CaseCount();
        var gate = app.Services.GetRequiredService<WriteGate>();

        HttpResponseMessage refused;
        var clock = Stopwatch.StartNew();
        using (await gate.EnterAsync(TestContext.Current.CancellationToken))
        {
            clock.Restart();
            refused = await client.SubmitAsync(page, "#log-defect-form", form);
            clock.Stop();
        }

        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        clock.Elapsed.ShouldBeLessThan(WithinTheBound);
        (await WebClient.ParseAsync(refused)).Body!.TextContent.ShouldContain(NotSaved);
        (await CaseCount()).ShouldBe(before);

        (await client.SubmitAsync(page, "#log-defect-form", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    private Task<int> CaseCount() => app.WithDbAsync(db => db.Cases.CountAsync());
}
