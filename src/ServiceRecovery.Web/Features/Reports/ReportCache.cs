using System.Collections.Concurrent;
using ServiceRecovery.Web.Infrastructure.Caching;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// The figures of one practice for one period, kept for a short while (<c>Reports:CacheSeconds</c>, 60 s by default,
/// 0 to keep nothing): a manager moving between the report page and its CSV files, or several managers of a practice
/// reading the same month, get them without reading the period's cases again. A committed change of the practice (a
/// case, a setting, a stage, a category or an improvement) drops them at once (see <see cref="PracticeCacheInvalidation"/>),
/// so a report never leaves out a change it could have seen; the time limit bounds how long a change made on another
/// web instance takes to show. At most <see cref="MaxEntries"/> are kept; the oldest go first.
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
    /// The practice's figures for the period: kept ones when they are still good, else computed by <paramref name="load"/>,
    /// once per practice and period at a time (managers who miss together wait for that one computation).
    /// </summary>
    public async Task<PracticeFigures.Data> GetAsync(
        PracticeInfo practice, ReportPeriod period, Func<CancellationToken, Task<PracticeFigures.Data>> load, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return await load(cancellationToken);
        }

        var key = new Key(practice.Id, period.From, period.To);
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

            var generation = generations.GetValueOrDefault(practice.Id);
            var data = await load(cancellationToken);
            // Kept only if nothing of the practice changed while it was read.
            if (generation == generations.GetValueOrDefault(practice.Id))
            {
                entries[key] = new Entry(generation, clock.GetUtcNow(), data);
                TrimOldest();
            }

            return data;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Invalidate(Guid practiceId)
    {
        generations.AddOrUpdate(practiceId, 1, (_, g) => g + 1);
        foreach (var key in entries.Keys.Where(k => k.PracticeId == practiceId))
        {
            entries.TryRemove(key, out _);
        }
    }

    private bool TryGet(Key key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PracticeFigures.Data? data)
    {
        data = entries.TryGetValue(key, out var entry)
               && entry.Generation == generations.GetValueOrDefault(key.PracticeId)
               && clock.GetUtcNow() - entry.At < lifetime
            ? entry.Data
            : null;
        return data is not null;
    }

    private void TrimOldest()
    {
        while (entries.Count > MaxEntries)
        {
            var oldest = entries.MinBy(e => e.Value.At);
            entries.TryRemove(oldest.Key, out _);
        }
    }

    private readonly record struct Key(Guid PracticeId, DateOnly From, DateOnly To);

    private sealed record Entry(long Generation, DateTimeOffset At, PracticeFigures.Data Data);
}
