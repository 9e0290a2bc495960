using System.Collections.Concurrent;
using ServiceRecovery.Web.Infrastructure.Caching;

namespace ServiceRecovery.Web.Features.Huddle;

/// <summary>
/// The huddle board's panels per practice, kept for a few seconds: every screen of a practice (the staff-room TV,
/// each signed-in browser) refreshes the same panels every minute. A change to any case, or to the practice, its
/// stages or categories, drops the practice's panels as soon as it is committed (see <see cref="PracticeCacheInvalidation"/>),
/// so a board never shows what was true before a change it could have seen. The time limit bounds what "now" means
/// for the overdue times, and, with several web instances, how long a change made on another instance takes to show.
/// </summary>
public sealed class BoardCache(TimeProvider clock) : IPracticeCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<Guid, long> generations = new();
    private readonly ConcurrentDictionary<Guid, Entry> entries = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> computing = new();

    /// <summary>One computation per practice at a time: the screens that miss together wait for it instead of repeating it.</summary>
    public async Task<IDisposable> ComputingAsync(Guid practiceId, CancellationToken cancellationToken)
    {
        var gate = computing.GetOrAdd(practiceId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    /// <summary>Read before computing the panels, and handed back to <see cref="Store"/>.</summary>
    public long Generation(Guid practiceId) => generations.GetValueOrDefault(practiceId);

    public bool TryGet(Guid practiceId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HuddleBoard.Panels? panels)
    {
        panels = entries.TryGetValue(practiceId, out var entry)
                 && entry.Generation == Generation(practiceId)
                 && clock.GetUtcNow() - entry.Panels.Now < Lifetime
            ? entry.Panels
            : null;
        return panels is not null;
    }

    /// <summary>Kept only if nothing of the practice changed since <paramref name="generation"/> was read.</summary>
    public void Store(Guid practiceId, long generation, HuddleBoard.Panels panels)
    {
        if (generation == Generation(practiceId))
        {
            entries[practiceId] = new Entry(generation, panels);
        }
    }

    public void Invalidate(Guid practiceId)
    {
        generations.AddOrUpdate(practiceId, 1, (_, g) => g + 1);
        entries.TryRemove(practiceId, out _);
    }

    private sealed record Entry(long Generation, HuddleBoard.Panels Panels);

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
