using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Huddle;

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
