namespace ServiceRecovery.Domain;

/// <summary>What the practice-management system says of an appointment.</summary>
public enum AppointmentStatus
{
    Booked = 1,
    Attended = 2,
    Cancelled = 3,
    NoShow = 4,
    Rescheduled = 5,
}

/// <summary>The PMS's words for a status, as the API and the import take them.</summary>
public static class AppointmentStatuses
{
    public const string Message = "Give the status as booked, attended, cancelled, no-show or rescheduled.";

    /// <summary>"booked", "attended", "cancelled" (or "canceled"), "no-show" (or "noshow", "no_show", "DNA"), "rescheduled"; any case.</summary>
    public static AppointmentStatus Parse(string? text) => (text?.Trim().ToLowerInvariant().Replace("_", "-", StringComparison.Ordinal)) switch
    {
        "booked" => AppointmentStatus.Booked,
        "attended" or "completed" => AppointmentStatus.Attended,
        "cancelled" or "canceled" => AppointmentStatus.Cancelled,
        "no-show" or "noshow" or "dna" => AppointmentStatus.NoShow,
        "rescheduled" => AppointmentStatus.Rescheduled,
        _ => throw DomainRuleException.For(Appointment.Fields.Status, Message),
    };

    /// <summary>The word the API writes for a status.</summary>
    public static string Word(this AppointmentStatus status) => status switch
    {
        AppointmentStatus.NoShow => "no-show",
        _ => status.ToString().ToLowerInvariant(),
    };
}

/// <summary>How an appointment reached the practice's records.</summary>
public enum AppointmentSource
{
    Api = 1,
    Csv = 2,
}

/// <summary>
/// A patient's appointment as the practice-management system (PMS) holds it, keyed by the PMS's own appointment id. The
/// PMS is the source of truth: a later message for the same id replaces the start and the status, and the same message
/// twice changes nothing. Nothing clinical is kept: when, whose, and whether the patient came.
/// </summary>
public sealed class Appointment
{
    private Appointment() { }

    public Guid Id { get; private set; }
    public Guid PracticeId { get; private set; }

    /// <summary>The appointment's id in the PMS, unique within the practice.</summary>
    public string ExternalId { get; private set; } = "";

    public Guid PatientId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public AppointmentStatus Status { get; private set; }
    public AppointmentSource Source { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>When the PMS last told us something new of it.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Field names of the rules, as the API and the import report them.</summary>
    public static class Fields
    {
        public const string AppointmentId = "appointmentId";
        public const string PatientId = "pmsPatientId";
        public const string Start = "start";
        public const string Status = "status";
    }

    /// <summary>How far ahead a booking may be: the welcome-back moment looks a day ahead, a feed a year at most.</summary>
    public static readonly TimeSpan FurthestAhead = TimeSpan.FromDays(2 * 366);

    /// <summary>How far back the PMS may tell us of a visit: the behaviour reports look back five years.</summary>
    public static readonly TimeSpan FurthestBack = TimeSpan.FromDays(6 * 366);

    public static Appointment Record(Guid practiceId, string externalId, Guid patientId, DateTimeOffset startsAt, AppointmentStatus status,
        AppointmentSource source, DateTimeOffset now)
    {
        var appointment = new Appointment
        {
            Id = Ids.New(),
            PracticeId = practiceId,
            ExternalId = IdOf(externalId),
            ReceivedAt = now,
            Source = source,
        };
        appointment.Set(patientId, startsAt, status, now);
        return appointment;
    }

    /// <summary>What the PMS says of this appointment now.</summary>
    /// <returns>Whether anything changed: the same message twice is no change.</returns>
    public bool Update(Guid patientId, DateTimeOffset startsAt, AppointmentStatus status, AppointmentSource source, DateTimeOffset now)
    {
        Check(startsAt, status, now);
        if (patientId == PatientId && startsAt.ToUniversalTime() == StartsAt && status == Status)
        {
            return false;
        }

        Set(patientId, startsAt, status, now);
        Source = source;
        return true;
    }

    /// <summary>The PMS id as we keep it: trimmed, required, bounded.</summary>
    public static string IdOf(string? externalId)
    {
        var trimmed = externalId?.Trim();
        return string.IsNullOrEmpty(trimmed)
            ? throw DomainRuleException.For(Fields.AppointmentId, "The PMS appointment id is required.")
            : trimmed.Length > Limits.ExternalId
                ? throw DomainRuleException.For(Fields.AppointmentId, $"The PMS appointment id must be at most {Limits.ExternalId} characters.")
                : trimmed;
    }

    /// <summary>Whether the patient came, as a return after a defect counts it.</summary>
    public bool WasAttended => Status == AppointmentStatus.Attended;

    /// <summary>A cancellation or a no-show: a warning sign on an open recovery.</summary>
    public bool IsMissed => Status is AppointmentStatus.Cancelled or AppointmentStatus.NoShow;

    private void Set(Guid patientId, DateTimeOffset startsAt, AppointmentStatus status, DateTimeOffset now)
    {
        Check(startsAt, status, now);
        PatientId = patientId;
        StartsAt = startsAt.ToUniversalTime();
        Status = status;
        UpdatedAt = now;
    }

    private static void Check(DateTimeOffset startsAt, AppointmentStatus status, DateTimeOffset now)
    {
        if (!Enum.IsDefined(status))
        {
            throw DomainRuleException.For(Fields.Status, AppointmentStatuses.Message);
        }

        if (startsAt > now + FurthestAhead)
        {
            throw DomainRuleException.For(Fields.Start, "The start is more than two years ahead; check the date.");
        }

        if (startsAt < now - FurthestBack)
        {
            throw DomainRuleException.For(Fields.Start, "The start is more than six years ago; check the date.");
        }

        // Attended is a fact about the past: a visit cannot have been attended before it began.
        // A minute of grace covers clocks that run slightly ahead.
        if (status is AppointmentStatus.Attended or AppointmentStatus.NoShow && startsAt > now.AddMinutes(1))
        {
            throw DomainRuleException.For(Fields.Start, $"An appointment in the future cannot be {(status == AppointmentStatus.Attended ? "attended" : "a no-show")} yet.");
        }
    }
}
