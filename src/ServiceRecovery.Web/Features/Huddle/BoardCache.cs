using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ServiceRecovery.Domain;

namespace ServiceRecovery.Web.Features.Huddle;

/// <summary>
/// The huddle board's panels per practice, kept for a few seconds: every screen of a practice (the staff-room TV,
/// each signed-in browser) refreshes the same panels every minute. A change to any case, or to the practice, its
/// stages or categories, drops the practice's panels as soon as it is committed (see <see cref="BoardInvalidation"/>),
/// so a board never shows what was true before a change it could have seen. The time limit bounds what "now" means
/// for the overdue times, and, with several web instances, how long a change made on another instance takes to show.
/// </summary>
public sealed class BoardCache(TimeProvider clock)
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

/// <summary>
/// Drops the huddle panels of every practice a save touched, once the change is committed: after the save itself,
/// or, inside a transaction (every Mediator command), after the commit. It is dropped before the save as well, so
/// panels computed from the old data while the save runs are not kept.
/// </summary>
public sealed class BoardInvalidation(BoardCache cache) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        FlushUnlessInTransaction(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        FlushUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var practices = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity switch
            {
                RecoveryCase c => c.PracticeId,
                Practice p => p.Id,
                CxStage s => s.PracticeId,
                DefectCategory d => d.PracticeId,
                _ => Guid.Empty,
            })
            .Where(id => id != Guid.Empty)
            .ToList();
        if (practices.Count == 0)
        {
            return;
        }

        var set = pending.GetOrCreateValue(context);
        lock (set)
        {
            foreach (var id in practices)
            {
                set.Add(id);
                cache.Invalidate(id);
            }
        }
    }

    private void FlushUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Flush(context);
        }
    }

    private void Flush(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var set))
        {
            return;
        }

        lock (set)
        {
            foreach (var id in set)
            {
                cache.Invalidate(id);
            }

            set.Clear();
        }
    }
}
