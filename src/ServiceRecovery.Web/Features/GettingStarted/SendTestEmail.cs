using System.Globalization;
using System.Net;
using ServiceRecovery.Web.Email;
using ServiceRecovery.Web.Features.Notifications;

namespace ServiceRecovery.Web.Features.GettingStarted;

/// <summary>
/// "Send a test email" in the practice settings: one email through the outbox to the signed-in person's own address,
/// so the practice learns before its first reminder whether email from the app reaches it. At most one a minute per practice.
/// </summary>
public static class SendTestEmail
{
    public static readonly TimeSpan Pause = TimeSpan.FromMinutes(1);

    public const string TooSoon = "A test email was queued for this practice less than a minute ago. Wait a minute, then send another.";

    [Requires(StaffRole.PracticeManager)]
    public sealed record Command(Guid PracticeId) : IAppCommand<Unit>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    /// <summary>What the settings page shows: where the email will go, and the practice's latest test email.</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record Query(Guid PracticeId) : IQuery<View>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed record View(string? Address, Latest? Last);

    public sealed record Latest(string To, OutboxStatus Status, DateTimeOffset QueuedAt, DateTimeOffset? SentAt);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, View>
    {
        public async ValueTask<View> Handle(Query query, CancellationToken cancellationToken)
        {
            var address = await db.Users.AsNoTracking().Where(u => u.Id == user.UserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
            var last = await db.Outbox.AsNoTracking().Where(m => m.PracticeId == query.PracticeId && m.Kind == EmailKind.TestEmail)
                .OrderByDescending(m => m.CreatedAt).Select(m => new Latest(m.RecipientAddress, m.Status, m.CreatedAt, m.SentAt)).FirstOrDefaultAsync(cancellationToken);
            return new View(address, last);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, EmailLinks links, TimeProvider clock) : ICommandHandler<Command, CommandResult<Unit>>
    {
        public async ValueTask<CommandResult<Unit>> Handle(Command command, CancellationToken cancellationToken)
        {
            var practice = await db.Practices.AsNoTracking().Where(p => p.Id == command.PracticeId).Select(p => new { p.Id, p.Name }).SingleOrDefaultAsync(cancellationToken);
            if (practice is null)
            {
                return CommandResult<Unit>.NotFound();
            }

            var address = await db.Users.AsNoTracking().Where(u => u.Id == user.UserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(address))
            {
                return CommandResult<Unit>.Invalid("", "Your account has no email address, so there is nowhere to send a test email.");
            }

            var now = clock.GetUtcNow();
            var since = now - Pause;
            if (await db.Outbox.AnyAsync(m => m.PracticeId == practice.Id && m.Kind == EmailKind.TestEmail && m.CreatedAt > since, cancellationToken))
            {
                return CommandResult<Unit>.Invalid("", TooSoon);
            }

            // The minute in the key makes two clicks at the same moment one email: the second is a unique-key clash, retried, then refused above.
            var minute = (now.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture);
            var email = Compose(practice.Name, user.Name, new Uri(links.Base, $"settings?practice={practice.Id}"));
            db.Outbox.Add(OutboxMessage.Create(practice.Id, EmailKind.TestEmail, $"test:{practice.Id:N}:{minute}", user.UserId, address,
                email.Subject, email.Text, email.Html, now));
            return CommandResult<Unit>.Ok(Unit.Value);
        }
    }

    public static ReminderEmails.Email Compose(string practiceName, string recipientName, Uri settings)
    {
        var subject = $"Test email from ServiceRecovery for {practiceName}";
        string[] lines =
        [
            $"Hello {recipientName},",
            $"This is the test email you asked for in the settings of {practiceName}. It reached you, so reminders, digests and other email from ServiceRecovery will reach your team too.",
            "Nothing else to do: the getting-started checklist now shows this item as done.",
        ];
        var text = string.Join(Environment.NewLine + Environment.NewLine, lines) + Environment.NewLine + Environment.NewLine + $"Practice settings: {settings}" + Environment.NewLine;
        var html = "<!DOCTYPE html><html><body style=\"font-family:system-ui,sans-serif;line-height:1.4\">"
                   + string.Concat(lines.Select(l => "<p>" + WebUtility.HtmlEncode(l) + "</p>"))
                   + "<p><a href=\"" + WebUtility.HtmlEncode(settings.ToString()) + "\">Practice settings</a></p></body></html>";
        return new ReminderEmails.Email(subject, text, html);
    }
}
