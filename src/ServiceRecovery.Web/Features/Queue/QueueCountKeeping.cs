using Microsoft.EntityFrameworkCore.ChangeTracking;
using ServiceRecovery.Data.ReadModels;
using ServiceRecovery.Web.Infrastructure.ReadModels;

namespace ServiceRecovery.Web.Features.Queue;

/// <summary>
/// Keeps <see cref="QueueCount"/> right with every save (<see cref="KeptReadModels"/>): each case added or changed
/// leaves its old cell (practice, status, current step, severity) and joins its new one, one atomic increment per cell
/// that changed. The benchmark generator's bulk load refills the table with <see cref="QueueCountSql.Backfill"/>.
/// </summary>
public sealed class QueueCountKeeping : IKeptReadModel
{
    private sealed record Cell(Guid PracticeId, CaseStatus Status, int Step, Severity Severity);

    public object? Collect(DbContext context) => Deltas(context) is { Count: > 0 } deltas ? deltas : null;

    public async Task ApplyAsync(DbContext context, object work, CancellationToken cancellationToken)
    {
        var sql = QueueCountSql.Increment(ReadModelSql.ProviderOf(context));
        foreach (var (cell, delta) in (Dictionary<Cell, int>)work)
        {
            await context.Database.ExecuteSqlRawAsync(sql, [cell.PracticeId, (int)cell.Status, cell.Step, (int)cell.Severity, delta], cancellationToken);
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
}
