using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ServiceRecovery.Web.Email;

/// <summary>This app instance's name as a sender, so a claim says whose it is.</summary>
public sealed class SenderIdentity
{
    public string Id { get; } = $"{Environment.MachineName[..Math.Min(40, Environment.MachineName.Length)]}/{Environment.ProcessId}/{Guid.NewGuid():N}";
}

public sealed record SendReport(int Sent, int Failed);

/// <summary>
/// Sends what is due in the outbox. Each message is claimed first with one conditional UPDATE — only one
/// sender's update can match — so two app instances on one database never send the same message twice.
/// A failed attempt is put back with a growing pause; after <see cref="OutboxMessage.MaxAttempts"/> it stays failed.
/// Once the mail server has accepted a message it is never sent again by this sender: only the "sent" mark is
/// retried, a few times at once and then on every later run, while the claim keeps other senders off it.
/// </summary>
public sealed class OutboxSender(
    AppDbContext db, IEmailTransport transport, TimeProvider clock, IOptions<EmailOptions> options, SenderIdentity me, EmailHealth health,
    ILogger<OutboxSender> logger)
{
    /// <summary>Tries to save the "sent" mark at once; pauses of 250 ms, doubling, all well inside the claim.</summary>
    public const int MarkAttempts = 4;

    public async Task<SendReport> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await RecordEarlierSendsAsync();
        var now = clock.GetUtcNow();
        var due = await db.Outbox.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        int sent = 0, failed = 0;
        foreach (var id in due)
        {
            // Accepted by the server already, its mark still unsaved: sending it again would be a duplicate.
            if (health.IsUnrecorded(id)
                || await TryClaimAsync(id, TimeSpan.FromSeconds(settings.ClaimSeconds), cancellationToken) is not { } message)
            {
                continue;
            }

            try
            {
                await transport.SendAsync(ToMime(message, settings.From), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failed++;
                health.SendFailed();
                await RecordFailureAsync(message, exception);
                continue;
            }

            // The server has the message. From here on only the record of it may be retried, never the send.
            sent++;
            health.SendSucceeded();
            await MarkSentAsync(message.Id);
        }

        return new SendReport(sent, failed);
    }

    private async Task MarkSentAsync(Guid id)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Only while this sender still holds the claim: if another took it over, its own outcome stands.
                var marked = await SaveSentAsync(db.Outbox.Where(m => m.Id == id && m.ClaimedBy == me.Id && m.Status == OutboxStatus.Pending));
                if (marked == 0)
                {
                    logger.LogWarning("Email {OutboxId} was sent, but another sender had taken over its claim", id);
                }

                health.Recorded(id);
                return;
            }
            catch (Exception exception) when (attempt < MarkAttempts)
            {
                logger.LogWarning("Email {OutboxId} was accepted by the mail server but could not be marked sent ({ExceptionType}); trying the mark again",
                    id, exception.GetType().Name);
                // Real time, not the app's clock: a pause for the database to recover, not a business time.
                await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt - 1)), CancellationToken.None);
            }
            catch (Exception exception)
            {
                logger.LogError("Email {OutboxId} was accepted by the mail server but could not be marked sent ({ExceptionType}); "
                                + "it will be marked on the next run and not sent again by this instance", id, exception.GetType().Name);
                health.AcceptedButUnrecorded(id);
                return;
            }
        }
    }

    /// <summary>Marks the emails an earlier run sent but could not record. The claim may have run out: the server has them all the same.</summary>
    private async Task RecordEarlierSendsAsync()
    {
        foreach (var id in health.Unrecorded)
        {
            try
            {
                await SaveSentAsync(db.Outbox.Where(m => m.Id == id && m.Status == OutboxStatus.Pending));
                health.Recorded(id);
            }
            catch (Exception exception)
            {
                logger.LogError("Email {OutboxId} is still not marked sent ({ExceptionType}); trying again on the next run", id, exception.GetType().Name);
            }
        }
    }

    private Task<int> SaveSentAsync(IQueryable<OutboxMessage> rows) => rows.ExecuteUpdateAsync(s => s
        .SetProperty(m => m.Status, OutboxStatus.Sent)
        .SetProperty(m => m.SentAt, clock.GetUtcNow())
        .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null)
        .SetProperty(m => m.LastError, (string?)null)
        // Sent: the single-use link is in the person's mailbox and nowhere else.
        .SetProperty(m => m.SecretLink, (string?)null), CancellationToken.None);

    private async Task<OutboxMessage?> TryClaimAsync(Guid id, TimeSpan claim, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = await db.Outbox
            .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimedBy, me.Id)
                .SetProperty(m => m.ClaimedUntil, now + claim)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        return claimed == 1 ? await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken) : null;
    }

    private async Task RecordFailureAsync(OutboxMessage message, Exception exception)
    {
        var error = Describe(exception);
        var giveUp = message.Attempts >= OutboxMessage.MaxAttempts;
        var next = clock.GetUtcNow() + OutboxMessage.RetryDelay(message.Attempts);
        // The message's id and the error's kind only: the exception's text may quote an address.
        logger.LogWarning("Email {OutboxId} attempt {Attempt} failed: {Error}; {Outcome}", message.Id, message.Attempts, error,
            giveUp ? "giving up" : $"next attempt at {next:u}");
        await db.Outbox.Where(m => m.Id == message.Id && m.ClaimedBy == me.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, giveUp ? OutboxStatus.Failed : OutboxStatus.Pending)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.LastError, error), CancellationToken.None);
    }

    internal static string Describe(Exception exception) => exception switch
    {
        SmtpCommandException smtp => $"The mail server refused the message ({(int)smtp.StatusCode} {smtp.ErrorCode})",
        SmtpProtocolException => "The mail server broke off the conversation",
        SocketException socket => $"Cannot reach the mail server ({socket.SocketErrorCode})",
        IOException => "The connection to the mail server failed",
        TimeoutException or OperationCanceledException => "The mail server did not answer in time",
        MailKit.Security.AuthenticationException => "The mail server did not accept the user name and password",
        ServiceNotConnectedException => "Not connected to the mail server",
        _ => exception.GetType().Name,
    };

    /// <summary>The body as sent: the stored mark replaced by the single-use link (a URL of letters, digits, '-', '_', '/', ':', '?', '=').</summary>
    private static string WithLink(string body, string? link) =>
        link is null ? body : body.Replace(OutboxMessage.SecretLinkMark, link, StringComparison.Ordinal);

    internal static MimeMessage ToMime(OutboxMessage message, string from)
    {
        var mime = new MimeMessage
        {
            MessageId = $"{message.Id:N}@servicerecovery",
            Subject = message.Subject,
            Body = new BodyBuilder { TextBody = WithLink(message.TextBody, message.SecretLink), HtmlBody = WithLink(message.HtmlBody, message.SecretLink) }.ToMessageBody(),
        };
        var sender = MailboxAddress.Parse(from);
        if (message.SenderName is { } name)
        {
            // The practice's name over the app's own address: the mail server vouches for that address alone.
            sender = new MailboxAddress(name, sender.Address);
        }

        mime.From.Add(sender);
        mime.To.Add(MailboxAddress.Parse(message.RecipientAddress));
        if (message.ReplyTo is { } replyTo)
        {
            mime.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        }

        mime.Headers.Add("X-ServiceRecovery-Outbox", message.Id.ToString());
        // Reminders are automatic: no out-of-office replies, please.
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        return mime;
    }
}
