using Mediator;

using Microsoft.EntityFrameworkCore;

using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Pipeline;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Huddle;

/// <summary>
/// The display link: /huddle/display/{token} shows one practice's huddle board on the staff-room TV without
/// signing in. Only the token's hash is stored, so the link is shown once, to the manager who issued it.
/// Issuing again (renewing) replaces it; revoking switches it off. Both are audited.
/// </summary>
public static class IssueDisplayLink
{
    [Requires(StaffRole.PracticeManager)]
    public sealed record Command(Guid PracticeId) : IAppCommand<string>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock) : ICommandHandler<Command, CommandResult<string>>
    {
        public async ValueTask<CommandResult<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            var (practice, failure) = await DisplayLinkPractice.LoadAsync<string>(db, command.PracticeId, cancellationToken);
            if (practice is null)
            {
                return failure!;
            }

            var renewing = practice.DisplayTokenHash is not null;
            var token = practice.IssueDisplayToken(clock.GetUtcNow());
            audit.Add(AuditKind.DisplayLinkIssued, practice.Id,
                renewing ? "Huddle display link renewed; the earlier link no longer works" : "Huddle display link issued");
            return CommandResult<string>.Ok(token);
        }
    }
}

/// <summary>The practice whose display link a manager changes: one of theirs (the practice filter applies; the command requires its manager).</summary>
internal static class DisplayLinkPractice
{
    public static async Task<(Practice? Practice, CommandResult<T>? Failure)> LoadAsync<T>(
        AppDbContext db, Guid practiceId, CancellationToken cancellationToken)
    {
        var practice = await db.Practices.SingleOrDefaultAsync(p => p.Id == practiceId, cancellationToken);
        return practice is null ? (null, CommandResult<T>.NotFound()) : (practice, null);
    }
}

public static class RevokeDisplayLink
{
    [Requires(StaffRole.PracticeManager)]
    public sealed record Command(Guid PracticeId) : IAppCommand<Unit>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class Handler(AppDbContext db, AuditLog audit) : ICommandHandler<Command, CommandResult<Unit>>
    {
        public async ValueTask<CommandResult<Unit>> Handle(Command command, CancellationToken cancellationToken)
        {
            var (practice, failure) = await DisplayLinkPractice.LoadAsync<Unit>(db, command.PracticeId, cancellationToken);
            if (practice is null)
            {
                return failure!;
            }

            if (practice.DisplayTokenHash is null)
            {
                return CommandResult<Unit>.Invalid("", "There is no display link to revoke.");
            }

            practice.RevokeDisplayToken();
            audit.Add(AuditKind.DisplayLinkRevoked, practice.Id, "Huddle display link revoked");
            return CommandResult<Unit>.Ok(Unit.Value);
        }
    }
}

/// <summary>
/// Audits that the board was shown through a display link, at most once an hour per link: a TV polls every minute,
/// and a row a minute would drown the audit log, while an hourly row still shows that (and from where) a link is in
/// use. Page loads and refreshes both count, so a reader who only polls the refresh address is recorded too.
/// Runs only after the board query matched the token; the link is identified by when it was issued, never by the token.
/// </summary>
public static class RecordDisplayUse
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromHours(1);

    [PublicRequest("Sent by the display page only, after the board query matched the display link's token; it writes one audit row an hour at most.")]
    public sealed record Command(Guid PracticeId, DateTimeOffset? LinkIssuedAt) : IAppCommand<bool>;

    public sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock) : ICommandHandler<Command, CommandResult<bool>>
    {
        public async ValueTask<CommandResult<bool>> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            // Uses before the link was issued belong to an earlier link, so a renewed link is recorded at its first use.
            var since = command.LinkIssuedAt is { } issued && issued > now - QuietPeriod ? issued : now - QuietPeriod;
            var recorded = await db.Audit.AsNoTracking()
                .AnyAsync(e => e.PracticeId == command.PracticeId && e.Kind == AuditKind.DisplayLinkUsed && e.At >= since, cancellationToken);
            if (recorded)
            {
                return CommandResult<bool>.Ok(false);
            }

            var which = command.LinkIssuedAt is { } at ? $" issued {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "";
            audit.Add(AuditKind.DisplayLinkUsed, command.PracticeId, $"Huddle board shown through the display link{which}", actorName: "Display link");
            return CommandResult<bool>.Ok(true);
        }
    }
}

/// <summary>For the manager's page: the user's practices, and whether the chosen one has a display link and since when.</summary>
public static class DisplayLinkStatus
{
    [Requires(StaffRole.PracticeManager)]
    public sealed record Query(Guid? PracticeId) : IQuery<View?>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed record View(Guid PracticeId, string PracticeName, DateTimeOffset? IssuedAt, PracticeLocale Locale,
        IReadOnlyList<HuddleBoard.PracticeChoice> Practices);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, View?>
    {
        public async ValueTask<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            // Only the practices this person manages: a display link is a manager's to issue.
            var managed = user.PracticesWhere(StaffRole.PracticeManager);
            var practices = await db.Practices.AsNoTracking()
                .Where(p => managed.Contains(p.Id))
                .OrderBy(p => p.Name)
                .Take(HuddleBoard.MaxPractices)
                .Select(p => new { p.Id, p.Name, p.DisplayTokenIssuedAt, p.TimeZoneId, p.Culture, p.Currency })
                .ToListAsync(cancellationToken);
            var chosen = query.PracticeId is { } id ? practices.SingleOrDefault(p => p.Id == id) : practices.FirstOrDefault();
            return chosen is null
                ? null
                : new View(chosen.Id, chosen.Name, chosen.DisplayTokenIssuedAt, new PracticeLocale(chosen.TimeZoneId, chosen.Culture, chosen.Currency),
                    practices.Select(p => new HuddleBoard.PracticeChoice(p.Id, p.Name)).ToList());
        }
    }
}
