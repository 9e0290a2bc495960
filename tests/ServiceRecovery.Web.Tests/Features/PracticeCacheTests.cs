using ServiceRecovery.Web.Infrastructure.Caching;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>The cache under the huddle board and the reports, on its own: one computation per key, and nothing left behind.</summary>
public sealed class PracticeCacheTests
{
    private sealed class Cache() : PracticeCache<string, string>(TimeProvider.System, TimeSpan.FromMinutes(1), maxEntries: 10)
    {
        public Task<string> Get(string key, Guid practiceId, Func<CancellationToken, Task<string>> compute, CancellationToken cancellationToken = default) =>
            GetAsync(key, [practiceId], compute, cancellationToken);
    }

    [Fact]
    public async Task A_thousand_report_periods_leave_no_computation_gate_behind()
    {
        var cache = new Cache();
        var practice = Guid.NewGuid();

        foreach (var day in Enumerable.Range(0, 500))
        {
            await cache.Get($"period-{day}", practice, _ => Task.FromResult($"report {day}"));
        }

        await Task.WhenAll(Enumerable.Range(500, 500).Select(day =>
            Task.Run(() => cache.Get($"period-{day}", practice, async _ =>
            {
                await Task.Yield();
                return $"report {day}";
            }))));

        cache.Gates.ShouldBe(0);
    }

    [Fact]
    public async Task Callers_who_miss_together_wait_for_one_computation_and_then_the_gate_is_gone()
    {
        var cache = new Cache();
        var practice = Guid.NewGuid();
        var computations = 0;
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<string> Compute(CancellationToken _)
        {
            Interlocked.Increment(ref computations);
            return await release.Task;
        }

        var callers = Enumerable.Range(0, 20).Select(_ => Task.Run(() => cache.Get("this month", practice, Compute))).ToList();
        while (Volatile.Read(ref computations) == 0)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        cache.Gates.ShouldBe(1, "one gate while the computation runs and the others wait");
        release.SetResult("the report");

        (await Task.WhenAll(callers)).ShouldAllBe(value => value == "the report");
        computations.ShouldBe(1);
        cache.Gates.ShouldBe(0);
    }

    [Fact]
    public async Task A_waiter_that_gives_up_leaves_no_gate_and_the_next_caller_computes()
    {
        var cache = new Cache();
        var practice = Guid.NewGuid();
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Task.Run(() => cache.Get("slow", practice, _ => release.Task));
        while (cache.Gates == 0)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Should.ThrowAsync<OperationCanceledException>(() => cache.Get("slow", practice, _ => Task.FromResult("never"), giveUp.Token));
        release.SetResult("done");
        (await first).ShouldBe("done");

        cache.Gates.ShouldBe(0);
        (await cache.Get("slow", practice, _ => Task.FromResult("kept?"))).ShouldBe("done", "the first computation's value is kept");
    }
}
