namespace ServiceRecovery.Domain;

/// <summary>
/// Something an administrator may need to account for: sign-ins, exports, settings and role changes,
/// display-link use. Appended, never edited or removed. Holds no patient details.
/// </summary>
public sealed class AuditEvent
{
    public const int MaxDetailLength = Limits.Reason;

    private AuditEvent() { }

    public Guid Id { get; private set; }
    public Guid? PracticeId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? ActorId { get; private set; }
    public string ActorName { get; private set; } = "";
    public AuditKind Kind { get; private set; }
    public string Detail { get; private set; } = "";
    public string? ClientAddress { get; private set; }

    public static AuditEvent Record(AuditKind kind, Guid? practiceId, string? actorId, string actorName, string detail, string? clientAddress, DateTimeOffset now) => new()
    {
        Id = Ids.New(),
        PracticeId = practiceId,
        At = now,
        ActorId = actorId,
        ActorName = actorName.Length > Limits.Name ? actorName[..Limits.Name] : actorName,
        Kind = kind,
        Detail = BoundedText.Fit(detail, MaxDetailLength),
        ClientAddress = clientAddress,
    };
}

public enum AuditKind
{
    SignInSucceeded = 1,
    SignInFailed,
    SignedOut,
    Export,
    SettingsChanged,
    StaffChanged,
    DisplayLinkIssued,
    DisplayLinkRevoked,
    DisplayLinkUsed,
    EmailResent,
    ImprovementChanged,
    InvitationSent,
    InvitationRevoked,
    PasswordResetRequested,
    PasswordSetByLink,
    PatientsImported,
    SetupCompleted,
    PracticeCreated,
    PracticeChanged,
    PracticeArchived,
    ApiKeyCreated,
    ApiKeyRevoked,
    ApiCalls,
    AppointmentsImported,
    RetentionRun,
    PatientDetailsRemoved,
    PatientExported,
}
