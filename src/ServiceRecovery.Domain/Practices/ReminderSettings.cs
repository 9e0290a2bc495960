namespace ServiceRecovery.Domain;

/// <summary>
/// Who gets reminder email and when. The daily digest goes out at <see cref="DigestHour"/> in the practice's
/// time zone; the escalation of an overdue apology goes out at once, whatever the hour.
/// </summary>
public sealed class ReminderSettings
{
    public static ReminderSettings Default => new(7, ownersGetDigest: true, managersGetDigest: true, escalateOverdueApology: true);

    private ReminderSettings() { }

    public ReminderSettings(int digestHour, bool ownersGetDigest, bool managersGetDigest, bool escalateOverdueApology)
    {
        if (digestHour is < 0 or > 23)
        {
            throw new DomainRuleException("The digest hour must be from 0 to 23.");
        }

        DigestHour = digestHour;
        OwnersGetDigest = ownersGetDigest;
        ManagersGetDigest = managersGetDigest;
        EscalateOverdueApology = escalateOverdueApology;
    }

    /// <summary>Hour of the day (0–23, practice time) from which the day's digest is sent.</summary>
    public int DigestHour { get; private set; }

    /// <summary>Case owners get their steps due today and overdue.</summary>
    public bool OwnersGetDigest { get; private set; }

    /// <summary>Practice managers get the practice's overdue cases and the gestures awaiting approval.</summary>
    public bool ManagersGetDigest { get; private set; }

    /// <summary>When Say sorry becomes overdue, the owner and the managers are told at once.</summary>
    public bool EscalateOverdueApology { get; private set; }

    /// <summary>
    /// The local date whose digest is due at <paramref name="now"/>, or null before the digest hour. A day whose
    /// digest hour does not exist (the clocks go forward through it) gets its digest at the first hour after.
    /// </summary>
    public DateOnly? DigestDayAt(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        return local.Hour >= DigestHour ? DateOnly.FromDateTime(local.DateTime) : null;
    }
}
