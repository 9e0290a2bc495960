using System.Collections.Concurrent;
using ServiceRecovery.Web.Infrastructure.Concurrency;

namespace ServiceRecovery.Web.Infrastructure.Caching;

/// <summary>
/// Values worked out from one or more practices' data, kept for <c>lifetime</c> (counted from when their computation
/// began) and dropped as soon as a committed change of any of those practices is reported (see
/// <see cref="PracticeCacheInvalidation"/>). A generation number per practice, read before a value is computed, stops a
/// value read before a change from being kept after it. Callers who miss together wait for one computation per key.
/// At most <c>maxEntries</c> are kept; the oldest go first. A lifetime of zero keeps nothing.
/// </summary>
public abstract class PracticeCache<TKey, TValue>(TimeProvider clock, TimeSpan lifetime, int maxEntries) : IPracticeCache
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<Guid, long> generations = new();
    private readonly ConcurrentDictionary<TKey, Entry> entries = new();
    private readonly ConcurrentDictionary<TKey, TurnGate> computing = new();

    public bool Enabled => lifetime > TimeSpan.Zero;

    /// <summary>The kept value while it is still good, else the one <paramref name="compute"/> makes (kept if nothing changed meanwhile).</summary>
    protected async Task<TValue> GetAsync(TKey key, IReadOnlyList<Guid> practiceIds, Func<CancellationToken, Task<TValue>> compute, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return await compute(cancellationToken);
        }

        if (TryGet(key, out var kept))
        {
            return kept;
        }

        using var turn = await computing.GetOrAdd(key, _ => new TurnGate(1)).EnterAsync(cancellationToken);
        if (TryGet(key, out kept))
        {
            return kept;
        }

        var seen = practiceIds.Select(id => generations.GetValueOrDefault(id)).ToArray();
        var at = clock.GetUtcNow();
        var value = await compute(cancellationToken);
        if (Current(practiceIds, seen))
        {
            entries[key] = new Entry(practiceIds, seen, at, value);
            TrimOldest();
        }

        return value;
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

    private bool TryGet(TKey key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TValue? value)
    {
        value = entries.TryGetValue(key, out var entry)
                && Current(entry.PracticeIds, entry.Generations)
                && clock.GetUtcNow() - entry.At < lifetime
            ? entry.Value
            : null;
        return value is not null;
    }

    private void TrimOldest()
    {
        while (entries.Count > maxEntries)
        {
            var oldest = entries.MinBy(e => e.Value.At);
            entries.TryRemove(oldest.Key, out _);
        }
    }

    private sealed record Entry(IReadOnlyList<Guid> PracticeIds, long[] Generations, DateTimeOffset At, TValue Value);
}
