using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Web.Infrastructure.Pipeline;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>
/// Loading a case to change it: within the user's practices, and only if nobody has saved it since the
/// user's form was built. The version check here catches a stale form at once; the concurrency token
/// catches a save that races this one.
/// </summary>
public static class CaseEditing
{
    public static async Task<Loaded<T>> LoadAsync<T>(
        AppDbContext db, ICaseCommand command, Func<IQueryable<RecoveryCase>, IQueryable<RecoveryCase>> include, CancellationToken cancellationToken)
    {
        var recoveryCase = await include(db.Cases.AsSplitQuery()).SingleOrDefaultAsync(c => c.Id == command.CaseId, cancellationToken);
        if (recoveryCase is null)
        {
            return new Loaded<T>(null, CommandResult<T>.NotFound());
        }

        if (recoveryCase.Version != command.Version)
        {
            return new Loaded<T>(null, CommandResult<T>.Conflicted(new ConcurrencyConflict(recoveryCase.LastChangedByName, recoveryCase.LastChangedAt)));
        }

        db.Entry(recoveryCase).Property(c => c.Version).OriginalValue = command.Version;
        return new Loaded<T>(recoveryCase, null);
    }

    public static Task<Loaded<Mediator.Unit>> LoadAsync(
        AppDbContext db, ICaseCommand command, Func<IQueryable<RecoveryCase>, IQueryable<RecoveryCase>> include, CancellationToken cancellationToken)
        => LoadAsync<Mediator.Unit>(db, command, include, cancellationToken);

    public sealed record Loaded<T>(RecoveryCase? Case, CommandResult<T>? Failure)
    {
        public bool Found(out RecoveryCase recoveryCase, out CommandResult<T> failure)
        {
            recoveryCase = Case!;
            failure = Failure!;
            return Case is not null;
        }
    }
}
