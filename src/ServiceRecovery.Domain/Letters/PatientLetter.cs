namespace ServiceRecovery.Domain;

/// <summary>What a letter or email to the patient stands for on the case.</summary>
public enum LetterPurpose
{
    /// <summary>A personal contact: it settles Respond as any recorded contact does.</summary>
    PersonalContact = 1,

    /// <summary>The outcome communication, kept under Communicate results; that step's done rule is unchanged.</summary>
    Outcome = 2,

    /// <summary>The acknowledgement of a formal complaint: the first one sent stops the acknowledge clock.</summary>
    ComplaintAcknowledgement = 3,

    /// <summary>The final response to a formal complaint: the first one sent stops the respond clock.</summary>
    ComplaintResponse = 4,
}

/// <summary>How the words reached the patient.</summary>
public enum LetterChannel
{
    Email = 1,
    Letter = 2,
}

/// <summary>
/// A letter printed or an email sent to the patient, kept verbatim: the subject and text as sent (after the person's edits),
/// the template and the version it started from. Editing the template later never changes this record.
/// For an email, the outbox message that carries it, whose status is the delivery status.
/// </summary>
public sealed class PatientLetter : CaseRecord
{
    public const int SubjectLength = LetterTemplate.SubjectLength;
    public const int TextLength = LetterTemplate.BodyLength;

    private PatientLetter() { }

    internal PatientLetter(Guid caseId, Actor by, LetterPurpose purpose, LetterChannel channel, LetterTemplateVersion template,
        string subject, string text, DateTimeOffset now) : base(caseId, by, now)
    {
        Purpose = purpose;
        Channel = channel;
        TemplateId = template.TemplateId;
        TemplateVersionId = template.Id;
        TemplateVersion = template.Number;
        TemplateName = template.Name;
        Subject = subject;
        Text = text;
    }

    public LetterPurpose Purpose { get; private set; }
    public LetterChannel Channel { get; private set; }
    public Guid TemplateId { get; private set; }
    public Guid TemplateVersionId { get; private set; }
    public int TemplateVersion { get; private set; }
    public string TemplateName { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Text { get; private set; } = "";

    /// <summary>The outbox message of an email; null for a printed letter.</summary>
    public Guid? OutboxMessageId { get; private set; }

    /// <summary>The words the timeline and the case page use: "Email to the patient sent: Apology" or "Letter printed: Outcome".</summary>
    public string Headline => Channel == LetterChannel.Email ? $"Email to the patient sent: {TemplateName}" : $"Letter printed: {TemplateName}";

    /// <summary>The retention rule: the subject and text held the patient's name and address; the template and dates stay.</summary>
    internal void RemoveWords()
    {
        Subject = RetentionRule.RemovedText;
        Text = RetentionRule.RemovedText;
    }

    internal void CarriedBy(Guid outboxMessageId) => OutboxMessageId = outboxMessageId;
}
