using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ServiceRecovery.Web.Infrastructure.Caching;

/// <summary>
/// Something kept per practice that a committed change of the practice's cases (with their records: lessons, gestures,
/// welcome backs, each saved with a change of the case), defects, patients, settings, stages, categories, improvements
/// or appointments makes stale.
/// </summary>
public interface IPracticeCache
{
    void Invalidate(Guid practiceId);
}

/// <summary>
/// Drops what every <see cref="IPracticeCache"/> keeps for each practice a save touched, once the change is committed:
/// after the save itself, or, inside a transaction (every Mediator command), after the commit. It is dropped before
/// the save as well, so figures computed from the old data while the save runs are not kept.
/// </summary>
public sealed class PracticeCacheInvalidation(IEnumerable<IPracticeCache> caches) : SaveChangesInterceptor, IDbTransactionInterceptor
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
                Improvement i => i.PracticeId,
                // The board's and the home page's welcome backs follow the day's bookings, and the list names the patient.
                Appointment a => a.PracticeId,
                Patient patient => patient.PracticeId,
                ServiceDefect defect => defect.PracticeId,
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
                Invalidate(id);
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
                Invalidate(id);
            }

            set.Clear();
        }
    }

    private void Invalidate(Guid practiceId)
    {
        foreach (var cache in caches)
        {
            cache.Invalidate(practiceId);
        }
    }
}
