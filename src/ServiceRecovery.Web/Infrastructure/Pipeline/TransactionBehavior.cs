namespace ServiceRecovery.Web.Infrastructure.Pipeline;

/// <summary>
/// Innermost behaviour: runs the handler in one database transaction and commits once.
/// A rule the domain refuses becomes a form message; a concurrent save becomes a typed conflict;
/// a unique-key race (two new case references at once) is retried. On SQLite, commands of this process take
/// their turn at the <see cref="WriteGate"/> first, waiting at most its bound. A database that cannot take the write
/// (the gate's wait ran out; locked, full, I/O error, timeout, deadlock) becomes one <see cref="StoreUnavailableException"/>,
/// shown as the 503 "Not saved" page; the transaction is rolled back, so nothing of the command is kept.
/// The connection is opened before the turn (its PRAGMAs are not the turn's work), and a command marked
/// <see cref="IReadsBeforeTurn"/> does its first reads before it takes the turn itself (<see cref="WriteTurn"/>).
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(AppDbContext db, WriteTurn turn, TimeProvider clock, ILogger<TransactionBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
    where TResponse : ICommandResult<TResponse>
{
    private const int Attempts = 3;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            return await Run(message, next, cancellationToken);
        }
        catch (Exception e) when (e is not StoreUnavailableException && StoreUnavailableException.IsStoreFailure(e))
        {
            db.ChangeTracker.Clear();
            throw new StoreUnavailableException(typeof(TMessage).Name, e);
        }
        finally
        {
            await turn.EndAttemptAsync();
            turn.Release();
            await db.Database.CloseConnectionAsync();
        }
    }

    private async ValueTask<TResponse> Run(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (message is not IReadsBeforeTurn)
            {
                await turn.TakeAsync(cancellationToken);
            }

            try
            {
                var response = await next(message, cancellationToken);
                if (!response.Succeeded)
                {
                    await RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    return response;
                }

                await turn.TakeAsync(cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await turn.Transaction!.CommitAsync(cancellationToken);
                return response;
            }
            catch (DomainRuleException rule)
            {
                await RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return TResponse.Invalid([new FieldError(rule.Field ?? "", rule.Message)]);
            }
            catch (DbUpdateConcurrencyException)
            {
                await RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return message is ICaseCommand edit
                    ? await ConflictFor(edit.CaseId, cancellationToken)
                    : TResponse.Conflicted(new ConcurrencyConflict("another user", clock.GetUtcNow()));
            }
            catch (DbUpdateException e) when (attempt < Attempts && !StoreUnavailableException.IsStoreFailure(e))
            {
                // Most likely two requests took the same new case number; the next attempt reads afresh.
                logger.LogWarning("Retrying {Request} after a conflicting insert (attempt {Attempt})", typeof(TMessage).Name, attempt);
                await RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
            finally
            {
                await turn.EndAttemptAsync();
            }
        }
    }

    private async Task RollbackAsync(CancellationToken cancellationToken)
    {
        if (turn.Transaction is { } transaction)
        {
            await transaction.RollbackAsync(cancellationToken);
        }
    }

    private async Task<TResponse> ConflictFor(Guid caseId, CancellationToken cancellationToken)
    {
        var latest = await db.Cases.AsNoTracking()
            .Where(c => c.Id == caseId)
            .Select(c => new { c.LastChangedByName, c.LastChangedAt })
            .SingleOrDefaultAsync(cancellationToken);
        return latest is null ? TResponse.NotFound() : TResponse.Conflicted(new ConcurrencyConflict(latest.LastChangedByName, latest.LastChangedAt));
    }
}
