using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using ServiceRecovery.Data.ReadModels;

namespace ServiceRecovery.Web.Features.Queue;

/// <summary>
/// Keeps <see cref="QueueCount"/> right with every save: each case added or changed leaves its old cell (practice,
/// status, current step, severity) and joins its new one. The increments run after EF has written the rows and in the
/// same transaction: the command's own (every Mediator command has one), or one begun here for a save outside any
/// command, committed once the increments are in. A save that fails applies nothing, so a retried save counts once.
/// Nothing in the app writes case rows outside the change tracker; the benchmark generator's bulk load refills the
/// table with <see cref="QueueCountSql.Backfill"/>.
/// </summary>
public sealed class QueueCountKeeping : SaveChangesInterceptor
{
    private sealed record Cell(Guid PracticeId, CaseStatus Status, int Step, Severity Severity);

    /// <summary>The increments of one save, and the transaction begun for it when it had none.</summary>
    private sealed record Pending(IReadOnlyDictionary<Cell, int> Deltas, IDbContextTransaction? Own);

    private readonly ConditionalWeakTable<DbContext, Pending> pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && Deltas(context) is { Count: > 0 } deltas)
        {
            var own = context.Database.CurrentTransaction is null ? context.Database.BeginTransaction() : null;
            pending.AddOrUpdate(context, new Pending(deltas, own));
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Deltas(context) is { Count: > 0 } deltas)
        {
            var own = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(cancellationToken) : null;
            pending.AddOrUpdate(context, new Pending(deltas, own));
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && pending.TryGetValue(context, out var work))
        {
            pending.Remove(context);
            using var own = work.Own;
            var sql = QueueCountSql.Increment(ProviderOf(context));
            foreach (var (cell, delta) in work.Deltas)
            {
                context.Database.ExecuteSqlRaw(sql, cell.PracticeId, (int)cell.Status, cell.Step, (int)cell.Severity, delta);
            }

            own?.Commit();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && pending.TryGetValue(context, out var work))
        {
            pending.Remove(context);
            await using var own = work.Own;
            var sql = QueueCountSql.Increment(ProviderOf(context));
            foreach (var (cell, delta) in work.Deltas)
            {
                await context.Database.ExecuteSqlRawAsync(sql, [cell.PracticeId, (int)cell.Status, cell.Step, (int)cell.Severity, delta], cancellationToken);
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Nothing was written: a transaction begun here is rolled back (by disposing it) and no increment runs.</summary>
    private void Abandon(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var work))
        {
            pending.Remove(context);
            work.Own?.Dispose();
        }
    }

    /// <summary>Each cell's change: −1 for the cell a case leaves, +1 for the one it joins; cells that net to zero are left out.</summary>
    private static Dictionary<Cell, int> Deltas(DbContext context)
    {
        var deltas = new Dictionary<Cell, int>();
        foreach (var entry in context.ChangeTracker.Entries<RecoveryCase>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    Add(deltas, CellOf(entry, current: true), 1);
                    break;
                case EntityState.Modified:
                    Add(deltas, CellOf(entry, current: false), -1);
                    Add(deltas, CellOf(entry, current: true), 1);
                    break;
                case EntityState.Deleted:
                    Add(deltas, CellOf(entry, current: false), -1);
                    break;
            }
        }

        foreach (var zero in deltas.Where(d => d.Value == 0).Select(d => d.Key).ToList())
        {
            deltas.Remove(zero);
        }

        return deltas;
    }

    private static void Add(Dictionary<Cell, int> deltas, Cell cell, int delta) => deltas[cell] = deltas.GetValueOrDefault(cell) + delta;

    private static Cell CellOf(EntityEntry<RecoveryCase> entry, bool current)
    {
        T Value<T>(PropertyEntry<RecoveryCase, T> property) => current ? property.CurrentValue : property.OriginalValue;
        return new Cell(
            Value(entry.Property(c => c.PracticeId)),
            Value(entry.Property(c => c.Status)),
            QueueCount.StepOf(Value(entry.Property(c => c.CurrentStep))),
            Value(entry.Property(c => c.Severity)));
    }

    private static DatabaseProvider ProviderOf(DbContext context) => context.Database.IsSqlServer() ? DatabaseProvider.SqlServer : DatabaseProvider.Sqlite;
}
