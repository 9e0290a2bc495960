using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>What a case command's handler works with: the case loaded for editing, the user, the time.</summary>
public sealed record CaseChange<TCommand>(RecoveryCase Case, TCommand Command, Actor Actor, DateTimeOffset Now, PracticeLocale Locale, AppDbContext Db);

/// <summary>
/// The shape every command on one case shares: load for editing (within the user's practices, at the version the form
/// was built from: see <see cref="ForEdit"/>), apply a SERVICE rule, let the transaction behaviour save. A handler says
/// which records its rule needs and what it does.
/// </summary>
public abstract class CaseCommandHandler<TCommand>(AppDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<TCommand, CommandResult<Unit>>
    where TCommand : CaseCommand
{
    public async ValueTask<CommandResult<Unit>> Handle(TCommand command, CancellationToken cancellationToken)
    {
        // The case's requests always come along: a change that resolves or withdraws the case, or records the apology,
        // settles the requests it makes moot (see RecoveryCase.LapsePending).
        var cases = Include(db.Cases.AsSplitQuery()).Include(c => c.Requests).Where(c => c.Id == command.CaseId);
        var editing = await ForEdit.LoadAsync(db, cases, command.Version, c => c.Version, ChangedBy, cancellationToken);
        if (!editing.Found(out var recoveryCase))
        {
            return editing.Refusal<Unit>();
        }

        var locale = await PracticeLocales.ForAsync(db, recoveryCase.PracticeId, cancellationToken);
        var change = new CaseChange<TCommand>(recoveryCase, command, user.ToActor(recoveryCase.PracticeId), clock.GetUtcNow(), locale, db);
        return await ApplyAsync(change, cancellationToken) ?? CommandResult<Unit>.Ok(Unit.Value);
    }

    /// <summary>Who saved the case last, for the conflict message.</summary>
    public static ConcurrencyConflict ChangedBy(RecoveryCase recoveryCase) => new(recoveryCase.LastChangedByName, recoveryCase.LastChangedAt);

    /// <summary>The records the rule needs loaded; none by default.</summary>
    protected virtual IQueryable<RecoveryCase> Include(IQueryable<RecoveryCase> cases) => cases;

    /// <summary>Applies the change; returns a failure to show on the form, or null when done.</summary>
    protected abstract ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<TCommand> change, CancellationToken cancellationToken);

    protected static CommandResult<Unit> Invalid(string field, string message) => CommandResult<Unit>.Invalid(field, message);

    protected static ValueTask<CommandResult<Unit>?> Done() => ValueTask.FromResult<CommandResult<Unit>?>(null);
}
