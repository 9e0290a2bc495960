namespace ServiceRecovery.Domain;

/// <summary>
/// An email waiting to be sent, written in the same transaction as the change that causes it. A sender claims
/// it, sends it and records the outcome; a failed attempt is retried later, with a growing pause. Holds
/// references and links only, never patient details, except a message to the patient itself (a letter from the case, the
/// recovery survey), which holds that patient's address and first name as the patient's record does. Kept after sending,
/// as the record of what was sent.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxAttempts = 8;

    /// <summary>The longest subject; a longer one (a long practice name, say) is shortened, never refused.</summary>
    public const int MaxSubjectLength = 200;

    private OutboxMessage() { }

    public Guid Id { get; private set; }
    public Guid PracticeId { get; private set; }
    public EmailKind Kind { get; private set; }

    /// <summary>Unique: the same reminder is never queued twice (e.g. by two app instances at once).</summary>
    public string DedupKey { get; private set; } = "";

    public string? RecipientUserId { get; private set; }

    /// <summary>The sender's display name (the practice's name on an email to a patient); null for the app's own name.</summary>
    public string? SenderName { get; private set; }

    /// <summary>Where a reply goes (the practice's reply-to address on an email to a patient); null for none.</summary>
    public string? ReplyTo { get; private set; }
    public string RecipientAddress { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>The sender that holds the message, until <see cref="ClaimedUntil"/>.</summary>
    public string? ClaimedBy { get; private set; }

    public DateTimeOffset? ClaimedUntil { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>
    /// A single-use link (an invitation or a password reset) kept apart from the body, which holds <see cref="SecretLinkMark"/>
    /// in its place: the sender puts the link into the email it sends, then clears this, so no stored copy can be used.
    /// </summary>
    public string? SecretLink { get; private set; }

    /// <summary>Why the last attempt failed: the error's kind and the server's reply code, never the message text.</summary>
    public string? LastError { get; private set; }

    /// <summary>What the stored body says where the sent email had its single-use link.</summary>
    public const string SecretLinkMark = "[single-use link, not kept after sending]";

    public const int MaxSecretLinkLength = 500;

    public static OutboxMessage Create(
        Guid practiceId, EmailKind kind, string dedupKey, string? recipientUserId, string recipientAddress,
        string subject, string textBody, string htmlBody, DateTimeOffset now, string? secretLink = null, string? senderName = null, string? replyTo = null) => new()
        {
            Id = Ids.New(),
            PracticeId = practiceId,
            Kind = kind,
            DedupKey = Guard.Text(dedupKey, "Email key", 200),
            RecipientUserId = recipientUserId,
            RecipientAddress = Guard.Text(recipientAddress, "Email address", Limits.Email),
            Subject = BoundedText.Fit(Guard.Text(subject, "Subject", int.MaxValue), MaxSubjectLength),
            TextBody = textBody,
            HtmlBody = htmlBody,
            CreatedAt = now,
            Status = OutboxStatus.Pending,
            NextAttemptAt = now,
            SecretLink = secretLink is null ? null : Guard.Text(secretLink, "Link", MaxSecretLinkLength),
            SenderName = senderName is null ? null : BoundedText.Fit(Guard.Text(senderName, "Sender name", int.MaxValue), MaxSenderNameLength),
            ReplyTo = Guard.OptionalText(replyTo, "Reply-to address", Limits.Email),
        };

    public const int MaxSenderNameLength = 200;

    /// <summary>An administrator sends a failed message again (after fixing the mail settings, say): a fresh set of attempts.</summary>
    public void RetryNow(DateTimeOffset now)
    {
        if (Status != OutboxStatus.Failed)
        {
            throw new DomainRuleException("Only an email that failed can be sent again.");
        }

        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        ClaimedBy = null;
        ClaimedUntil = null;
    }

    /// <summary>The pause after a failed attempt: 30 s, 1 min, 2 min, … doubling, at most an hour.</summary>
    /// <summary>
    /// The retention rule removed the details of the patient this email went to: the address and the words go; the kind,
    /// the dates and the delivery status stay. An email not yet sent never will be.
    /// </summary>
    public void RemovePatientDetails()
    {
        RecipientAddress = "";
        Subject = RetentionRule.RemovedText;
        TextBody = RetentionRule.RemovedText;
        HtmlBody = RetentionRule.RemovedText;
        SecretLink = null;
        if (Status != OutboxStatus.Sent)
        {
            Status = OutboxStatus.Failed;
            LastError = RetentionRule.RemovedText;
            ClaimedBy = null;
            ClaimedUntil = null;
        }
    }

    public static TimeSpan RetryDelay(int attemptsSoFar) =>
        TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attemptsSoFar - 1))));
}

public enum EmailKind
{
    Digest = 1,
    Escalation = 2,

    /// <summary>Asked for from the practice settings, to the person asking: does email from the app reach us?</summary>
    TestEmail = 3,
    Invitation = 4,
    PasswordReset = 5,
    AddedToPractice = 6,

    /// <summary>To a patient whose case resolved: the recovery survey's single-use link. Holds the patient's address and first name.</summary>
    RecoverySurvey = 7,

    /// <summary>To the case's owner and the practice's managers: a survey came back low. The reference and a link only.</summary>
    LowSurvey = 8,

    /// <summary>To a patient, from the case: the words staff wrote (a letter by email). Holds the patient's address and name.</summary>
    PatientLetter = 9,

    /// <summary>To the case owner (or the managers): a formal complaint's clock is due on the next working day. The reference and a link only.</summary>
    ComplaintWarning = 10,

    /// <summary>To the managers and the owner: a formal complaint's clock has passed its due date. The reference and a link only.</summary>
    ComplaintEscalation = 11,
}

public enum OutboxStatus
{
    Pending = 1,
    Sent = 2,
    Failed = 3,
}

/// <summary>One practice's daily digest run, for one local date: inserted once, so the digest goes out once.</summary>
public sealed class DigestRun
{
    private DigestRun() { }

    public DigestRun(Guid practiceId, DateOnly localDate, int emailCount, DateTimeOffset ranAt)
    {
        PracticeId = practiceId;
        LocalDate = localDate;
        EmailCount = emailCount;
        RanAt = ranAt;
    }

    public Guid PracticeId { get; private set; }
    public DateOnly LocalDate { get; private set; }
    public int EmailCount { get; private set; }
    public DateTimeOffset RanAt { get; private set; }
}
