using System.Linq.Expressions;

namespace ServiceRecovery.Web.Infrastructure.Pipeline;

/// <summary>
/// The one way a command loads what it changes. The caller's query says where to look, and the practice filter on it
/// keeps the read within the user's practices, so what is absent and what is someone else's both answer "not found".
/// Then the version the user's form was built from is compared with the stored one: a stale form is a conflict at once,
/// naming who changed the thing and when; otherwise that version becomes the original value of the concurrency token,
/// so a save that races this one is caught by the database too (the transaction behaviour turns it into the same conflict).
/// </summary>
public static class ForEdit
{
    /// <summary>Loads the one row of <paramref name="query"/> to change it at <paramref name="version"/>.</summary>
    public static async Task<Editing<TEntity>> LoadAsync<TEntity, TVersion>(
        DbContext db, IQueryable<TEntity> query, TVersion version, Expression<Func<TEntity, TVersion>> versionOf,
        Func<TEntity, ConcurrencyConflict> changedBy, CancellationToken cancellationToken)
        where TEntity : class
        => Check(db, await query.SingleOrDefaultAsync(cancellationToken), version, versionOf, changedBy);

    /// <summary>
    /// The same checks for a thing already read (null when not found), for an edit whose target is more than one row
    /// (a staff account with its memberships).
    /// </summary>
    public static Editing<TEntity> Check<TEntity, TVersion>(
        DbContext db, TEntity? found, TVersion version, Expression<Func<TEntity, TVersion>> versionOf, Func<TEntity, ConcurrencyConflict> changedBy)
        where TEntity : class
    {
        if (found is null)
        {
            return Editing<TEntity>.NotFound;
        }

        var stored = db.Entry(found).Property(versionOf);
        if (!EqualityComparer<TVersion>.Default.Equals(stored.CurrentValue, version))
        {
            return new Editing<TEntity>(null, changedBy(found));
        }

        stored.OriginalValue = version;
        return new Editing<TEntity>(found, null);
    }

    /// <summary>
    /// Loads the one row of <paramref name="query"/> for a command that carries no version: it replaces a value whole
    /// (a new display link) rather than editing what the user read, so only "not found" can refuse it here.
    /// </summary>
    public static async Task<Editing<TEntity>> LoadAsync<TEntity>(IQueryable<TEntity> query, CancellationToken cancellationToken)
        where TEntity : class
        => await query.SingleOrDefaultAsync(cancellationToken) is { } found ? new Editing<TEntity>(found, null) : Editing<TEntity>.NotFound;
}

/// <summary>What <see cref="ForEdit"/> found: the thing to change, or why there is none (not found, or a conflict).</summary>
public sealed class Editing<TEntity>
    where TEntity : class
{
    internal static readonly Editing<TEntity> NotFound = new(null, null);

    internal Editing(TEntity? entity, ConcurrencyConflict? conflict)
    {
        Entity = entity;
        Conflict = conflict;
    }

    public TEntity? Entity { get; }

    public ConcurrencyConflict? Conflict { get; }

    /// <summary>True with the thing to change; false when the command must answer <see cref="Refusal{T}"/>.</summary>
    public bool Found(out TEntity entity)
    {
        entity = Entity!;
        return Entity is not null;
    }

    /// <summary>The command's answer when nothing was found to change: not found, or the conflict.</summary>
    public CommandResult<T> Refusal<T>() =>
        Conflict is { } conflict ? CommandResult<T>.Conflicted(conflict) : CommandResult<T>.NotFound();
}
