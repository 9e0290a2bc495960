using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace ServiceRecovery.Web.Infrastructure.Pipeline;

/// <summary>
/// A command that reads what may be read before its write turn (<see cref="IReadsBeforeTurn"/>) does those reads first,
/// then takes its turn here: on SQLite the <see cref="WriteGate"/>, and the command's transaction. What it reads after
/// <see cref="TakeAsync"/> is read inside the turn, so it cannot be changed by another command before the save. A read
/// before the turn may be stale by the time of the save: it is only for what the save's own guards check again (a
/// concurrency token, a unique index, a foreign key), or what may be as old as the call itself (a practice's culture).
/// For every other command, <see cref="TransactionBehavior{TMessage, TResponse}"/> takes the turn before the handler runs,
/// and the handler's own <see cref="TakeAsync"/> does nothing.
/// </summary>
public sealed class WriteTurn(AppDbContext db, WriteGate gate, ILogger<WriteTurn> logger)
{
    private IDisposable? turn;
    private long turnStarted;

    /// <summary>The transaction of the current attempt, once the turn is taken.</summary>
    public IDbContextTransaction? Transaction { get; private set; }

    /// <summary>Takes the write turn (once; again after <see cref="EndAttemptAsync"/>) and begins the command's transaction.</summary>
    public async Task TakeAsync(CancellationToken cancellationToken)
    {
        if (turn is null && db.Database.IsSqlite())
        {
            var waited = Stopwatch.GetTimestamp();
            turn = await gate.EnterBoundedAsync(cancellationToken);
            turnStarted = Stopwatch.GetTimestamp();
            logger.LogDebug("Waited {WaitMs:0.00} ms for the write turn", Stopwatch.GetElapsedTime(waited, turnStarted).TotalMilliseconds);
        }

        Transaction ??= await db.Database.BeginTransactionAsync(cancellationToken);
    }

    /// <summary>Ends the attempt's transaction (committed or rolled back by the caller); the turn is kept for a retry.</summary>
    public async ValueTask EndAttemptAsync()
    {
        if (Transaction is { } transaction)
        {
            Transaction = null;
            await transaction.DisposeAsync();
        }
    }

    /// <summary>Gives the turn back to the next command.</summary>
    public void Release()
    {
        if (turn is { } held)
        {
            turn = null;
            held.Dispose();
            logger.LogDebug("Held the write turn for {TurnMs:0.00} ms", Stopwatch.GetElapsedTime(turnStarted).TotalMilliseconds);
        }
    }
}

/// <summary>
/// A command whose handler reads what it may read before the write turn, then calls <see cref="WriteTurn.TakeAsync"/>
/// before the reads whose staleness its save would not detect. Its save is guarded by the database either way.
/// </summary>
public interface IReadsBeforeTurn;
