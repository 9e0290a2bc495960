using System.Collections.Concurrent;
using ServiceRecovery.Web.Infrastructure.Concurrency;

namespace ServiceRecovery.Web.Infrastructure.Caching;

/// <summary>
/// Values worked out from one or more practices' data, kept for <c>lifetime</c> (counted from when their computation
/// began) and dropped as soon as a committed change of any of those practices is reported (see
/// <see cref="PracticeCacheInvalidation"/>). A generation number per practice, read before a value is computed, stops a
/// value read before a change from being kept after it. Callers who miss together wait for one computation per key; the
/// gate they wait at lives only while someone holds or awaits it, so keys that come and go (report periods) leave nothing
/// behind. At most <c>maxEntries</c> are kept; the oldest go first. A lifetime of zero keeps nothing.
/// </summary>
public abstract class PracticeCache<TKey, TValue>(TimeProvider clock, TimeSpan lifetime, int maxEntries) : IPracticeCache
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<Guid, long> generations = new();
    private readonly ConcurrentDictionary<TKey, Entry> entries = new();
    private readonly ConcurrentDictionary<TKey, Gate> computing = new();

    /// <summary>How many keys have a computation gate now: those being computed or awaited, no more.</summary>
    internal int Gates => computing.Count;

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

        var gate = Join(key);
        try
        {
            using var turn = await gate.Turns.EnterAsync(cancellationToken);
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
        finally
        {
            Leave(key, gate);
        }
    }

    /// <summary>
    /// The key's gate, counted as used by one more caller. A gate its last user has left is closed and gone from the
    /// dictionary; a caller who found it just before that takes a fresh one instead, so no one waits at a dead gate.
    /// </summary>
    private Gate Join(TKey key)
    {
        while (true)
        {
            var gate = computing.GetOrAdd(key, _ => new Gate());
            lock (gate)
            {
                if (!gate.Closed)
                {
                    gate.Users++;
                    return gate;
                }
            }
        }
    }

    private void Leave(TKey key, Gate gate)
    {
        lock (gate)
        {
            if (--gate.Users > 0)
            {
                return;
            }

            gate.Closed = true;
        }

        // Only this gate: a fresh one under the same key belongs to the callers who came after.
        computing.TryRemove(new KeyValuePair<TKey, Gate>(key, gate));
        gate.Turns.Dispose();
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

    /// <summary>Whether a kept value is still right now, besides its lifetime and generations (a value that depends on the time).</summary>
    protected virtual bool StillGood(TValue value) => true;

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
                && StillGood(entry.Value)
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

    /// <summary>One computation at a time for a key, and how many callers hold or await it (guarded by the gate itself).</summary>
    private sealed class Gate
    {
        public TurnGate Turns { get; } = new(1);

        public int Users { get; set; }

        public bool Closed { get; set; }
    }
}
