using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace ServiceRecovery.Web.Infrastructure.ReadModels;

/// <summary>Which provider a context runs on, for the read models' provider-specific SQL.</summary>
public static class ReadModelSql
{
    public static DatabaseProvider ProviderOf(DbContext context) =>
        context.Database.IsSqlServer() ? DatabaseProvider.SqlServer : DatabaseProvider.Sqlite;
}

/// <summary>
/// A read model kept with every save: what it takes from the change tracker before EF writes the rows, and the SQL it
/// runs once they are written, in the same transaction.
/// </summary>
public interface IKeptReadModel
{
    /// <summary>The work for this save, or null when the save changes nothing the read model keeps.</summary>
    object? Collect(DbContext context);

    Task ApplyAsync(DbContext context, object work, CancellationToken cancellationToken);
}

/// <summary>
/// Runs every <see cref="IKeptReadModel"/> with each save: collected before EF writes the rows, applied after, in the
/// same transaction: the command's own (every Mediator command has one), or one begun here for a save outside any
/// command, committed once every read model is applied. A save that fails applies nothing, so a retried save counts once.
/// Nothing in the app writes case rows outside the change tracker.
/// </summary>
public sealed class KeptReadModels(IEnumerable<IKeptReadModel> models) : SaveChangesInterceptor
{
    private sealed record Pending(IReadOnlyList<(IKeptReadModel Model, object Work)> Work, IDbContextTransaction? Own);

    private readonly IKeptReadModel[] models = [.. models];
    private readonly ConditionalWeakTable<DbContext, Pending> pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && CollectAll(context) is { Count: > 0 } work)
        {
            var own = context.Database.CurrentTransaction is null ? context.Database.BeginTransaction() : null;
            pending.AddOrUpdate(context, new Pending(work, own));
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && CollectAll(context) is { Count: > 0 } work)
        {
            var own = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(cancellationToken) : null;
            pending.AddOrUpdate(context, new Pending(work, own));
        }

        return result;
    }

    // A synchronous save is rare (the tests' and the generator's direct saves); it runs the same work and waits for it.
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && pending.TryGetValue(context, out var work))
        {
            pending.Remove(context);
            using var own = work.Own;
            foreach (var (model, item) in work.Work)
            {
                model.ApplyAsync(context, item, CancellationToken.None).GetAwaiter().GetResult();
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
            foreach (var (model, item) in work.Work)
            {
                await model.ApplyAsync(context, item, cancellationToken);
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

    private List<(IKeptReadModel, object)> CollectAll(DbContext context)
    {
        var work = new List<(IKeptReadModel, object)>();
        foreach (var model in models)
        {
            if (model.Collect(context) is { } item)
            {
                work.Add((model, item));
            }
        }

        return work;
    }

    /// <summary>Nothing was written: a transaction begun here is rolled back (by disposing it) and nothing is applied.</summary>
    private void Abandon(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var work))
        {
            pending.Remove(context);
            work.Own?.Dispose();
        }
    }
}
