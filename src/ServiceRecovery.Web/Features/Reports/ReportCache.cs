using System.Collections.Concurrent;
using ServiceRecovery.Web.Infrastructure.Caching;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// Finished reports, kept for a short while (<c>Reports:CacheSeconds</c>, 60 s by default, 0 to keep nothing): a manager
/// moving between the report page and its CSV files, or several managers of a practice reading the same months, get the
/// report without its cases being read and its percentiles worked out again. A committed change of any practice in a
/// report (a case, a setting, a stage, a category or an improvement) drops it at once (see
/// <see cref="PracticeCacheInvalidation"/>), so a report never leaves out a change it could have seen; the time limit
/// bounds how long a change made on another web instance takes to show. At most <see cref="MaxEntries"/> are kept;
/// the oldest go first.
/// </summary>
public sealed class ReportCache(TimeProvider clock, IConfiguration configuration) : IPracticeCache
{
    public const int MaxEntries = 48;

    private readonly TimeSpan lifetime = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Reports:CacheSeconds", 60)));
    private readonly ConcurrentDictionary<Guid, long> generations = new();
    private readonly ConcurrentDictionary<Key, Entry> entries = new();
    private readonly ConcurrentDictionary<Key, SemaphoreSlim> computing = new();

    public bool Enabled => lifetime > TimeSpan.Zero;

    /// <summary>
    /// The report of these practices for the period: a kept one while it is still good, else the one <paramref name="build"/>
    /// makes, once per practices and period at a time (managers who miss together wait for that one computation).
    /// </summary>
    public async Task<Report> GetAsync(
        IReadOnlyList<Guid> practiceIds, ReportPeriod period, Func<CancellationToken, Task<Report>> build, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return await build(cancellationToken);
        }

        var key = new Key(string.Join(',', practiceIds), period.From, period.To);
        if (TryGet(key, out var kept))
        {
            return kept;
        }

        var gate = computing.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (TryGet(key, out kept))
            {
                return kept;
            }

            var before = practiceIds.Select(id => generations.GetValueOrDefault(id)).ToArray();
            var report = await build(cancellationToken);
            // Kept only if nothing of its practices changed while it was read.
            if (Current(practiceIds, before))
            {
                entries[key] = new Entry(practiceIds, before, clock.GetUtcNow(), report);
                TrimOldest();
            }

            return report;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Invalidate(Guid practiceId)
    {
        generations.AddOrUpdate(practiceId, 1, (_, g) => g + 1);
        foreach (var (key, entry) in entries)
        {
            if (entry.PracticeIds.Contains(practiceId))
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    private bool Current(IReadOnlyList<Guid> practiceIds, long[] seen)
    {
        for (var i = 0; i < practiceIds.Count; i++)
        {
            if (generations.GetValueOrDefault(practiceIds[i]) != seen[i])
            {
                return false;
            }
        }

        return true;
    }

    private bool TryGet(Key key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Report? report)
    {
        report = entries.TryGetValue(key, out var entry)
                 && Current(entry.PracticeIds, entry.Generations)
                 && clock.GetUtcNow() - entry.At < lifetime
            ? entry.Report
            : null;
        return report is not null;
    }

    private void TrimOldest()
    {
        while (entries.Count > MaxEntries)
        {
            var oldest = entries.MinBy(e => e.Value.At);
            entries.TryRemove(oldest.Key, out _);
        }
    }

    private readonly record struct Key(string Practices, DateOnly From, DateOnly To);

    private sealed record Entry(IReadOnlyList<Guid> PracticeIds, long[] Generations, DateTimeOffset At, Report Report);
}
