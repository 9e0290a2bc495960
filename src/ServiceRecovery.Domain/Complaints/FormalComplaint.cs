namespace ServiceRecovery.Domain;

/// <summary>How a formal complaint reached the practice.</summary>
public enum ComplaintChannel
{
    Spoken = 1,
    Written,
    Email,
    CommentCardOrLetter,
}

/// <summary>What the practice found when it answered a formal complaint.</summary>
public enum ComplaintFinding
{
    Upheld = 1,
    PartlyUpheld,
    NotUpheld,
}

/// <summary>A stretch of "waiting for the patient" on a formal complaint, kept for good: resuming sets <see cref="ResumedOn"/>.</summary>
public sealed class ComplaintPause
{
    private ComplaintPause() { }

    internal ComplaintPause(ClockPause pause)
    {
        Id = Ids.New();
        From = pause.From;
        Reason = pause.Reason;
    }

    public Guid Id { get; private set; }
    public DateOnly From { get; private set; }
    public string Reason { get; private set; } = "";
    public DateOnly? ResumedOn { get; private set; }

    public ClockPause ToClock() => new(From, Reason, ResumedOn);

    internal void Resume(DateOnly on) => ResumedOn = on;
}

/// <summary>
/// A case the practice treats as a formal complaint, at most one per case, kept in a table of its own keyed by the case.
/// It keeps the <see cref="ComplaintRules"/> in force when it was marked, so a later change of the practice's profile or
/// clocks leaves it alone; the calendar it is counted on is the practice's current one. The acknowledgement and the
/// final response are recorded from the letters sent (the first of each wins); the outcome is a manager's.
/// </summary>
public sealed class FormalComplaint
{
    public const string ReceivedField = "ReceivedOn";
    public const string ChannelField = "Channel";
    public const string SummaryField = "Summary";
    public const string FindingField = "Finding";
    public const string EscalatedField = "EscalatedOn";
    public const string PausedField = "PausedFrom";
    public const string ResumedField = "ResumedOn";
    public const int SummaryLength = 1000;

    private readonly List<ComplaintPause> _pauses = [];

    private FormalComplaint() { }

    internal FormalComplaint(DateOnly receivedOn, ComplaintChannel channel, string? summary, ComplaintRules rules, Actor by, DateTimeOffset now)
    {
        ReceivedOn = receivedOn;
        Channel = channel;
        Summary = summary;
        ProfileId = rules.ProfileId;
        Region = rules.Region;
        AcknowledgeAmount = rules.Acknowledge.Amount;
        AcknowledgeUnit = rules.Acknowledge.Unit;
        RespondAmount = rules.Respond.Amount;
        RespondUnit = rules.Respond.Unit;
        MarkedByName = by.Name;
        MarkedAt = now;
    }

    public DateOnly ReceivedOn { get; private set; }
    public ComplaintChannel Channel { get; private set; }
    public string? Summary { get; private set; }

    // The rules as they were at marking (ComplaintRules, flattened into columns).
    public string ProfileId { get; private set; } = "";
    public HolidayRegion Region { get; private set; }
    public int AcknowledgeAmount { get; private set; }
    public ClockUnit AcknowledgeUnit { get; private set; }
    public int RespondAmount { get; private set; }
    public ClockUnit RespondUnit { get; private set; }

    public string MarkedByName { get; private set; } = "";
    public DateTimeOffset MarkedAt { get; private set; }

    public DateOnly? AcknowledgedOn { get; private set; }
    public Guid? AcknowledgementLetterId { get; private set; }
    public DateOnly? RespondedOn { get; private set; }
    public Guid? ResponseLetterId { get; private set; }

    public ComplaintFinding? Finding { get; private set; }
    public bool? WentToEscalationBody { get; private set; }
    public DateOnly? EscalatedOn { get; private set; }
    public DateTimeOffset? OutcomeRecordedAt { get; private set; }

    public IReadOnlyList<ComplaintPause> Pauses => _pauses;

    public ComplaintRules Rules => new(ProfileId, Region, new ClockRule(AcknowledgeAmount, AcknowledgeUnit), new ClockRule(RespondAmount, RespondUnit));

    /// <summary>The profile the rules came from; null only if a shipped profile were ever withdrawn.</summary>
    public JurisdictionProfile? Profile => JurisdictionProfiles.Find(ProfileId);

    public ComplaintClock Clock => new(Rules, ReceivedOn, _pauses.OrderBy(p => p.From).Select(p => p.ToClock()));

    public bool IsPaused => _pauses.Any(p => p.ResumedOn is null);

    public ComplaintPause? OpenPause => _pauses.SingleOrDefault(p => p.ResumedOn is null);

    /// <summary>Open while the final response is still to send.</summary>
    public bool IsOpen => RespondedOn is null;

    internal void Pause(DateOnly from, string? reason)
    {
        var clock = Clock.PausedFrom(from, reason);
        _pauses.Add(new ComplaintPause(clock.Pauses[^1]));
    }

    internal void Resume(DateOnly on)
    {
        Clock.ResumedOn(on);
        OpenPause!.Resume(on);
    }

    /// <summary>
    /// A complaint letter sent on <paramref name="on"/>: the first acknowledgement sets <see cref="AcknowledgedOn"/>, the
    /// first response sets <see cref="RespondedOn"/>. A response sent before any acknowledgement acknowledges too (the
    /// patient has heard from the practice in writing, which is what the acknowledge clock asks for). Later letters of
    /// the same purpose are just letters. Returns what changed, for the timeline; null when nothing did.
    /// </summary>
    internal string? Evidence(LetterPurpose purpose, Guid letterId, DateOnly on)
    {
        if (purpose == LetterPurpose.ComplaintAcknowledgement && AcknowledgedOn is null)
        {
            AcknowledgedOn = on;
            AcknowledgementLetterId = letterId;
            return $"Formal complaint acknowledged on {on:yyyy-MM-dd}";
        }

        if (purpose == LetterPurpose.ComplaintResponse && RespondedOn is null)
        {
            RespondedOn = on;
            ResponseLetterId = letterId;
            if (AcknowledgedOn is null)
            {
                AcknowledgedOn = on;
                AcknowledgementLetterId = letterId;
                return $"Final response to the formal complaint sent on {on:yyyy-MM-dd} (it acknowledges the complaint too)";
            }

            return $"Final response to the formal complaint sent on {on:yyyy-MM-dd}";
        }

        return null;
    }

    internal void RecordOutcome(ComplaintFinding finding, bool wentToEscalationBody, DateOnly? escalatedOn, DateTimeOffset now)
    {
        Finding = finding;
        WentToEscalationBody = wentToEscalationBody;
        EscalatedOn = wentToEscalationBody ? escalatedOn : null;
        OutcomeRecordedAt = now;
    }
}

/// <summary>How a complaint's finding reads on the page and the timeline.</summary>
public static class ComplaintWords
{
    public static string Words(this ComplaintFinding finding) => finding switch
    {
        ComplaintFinding.Upheld => "Upheld",
        ComplaintFinding.PartlyUpheld => "Partly upheld",
        _ => "Not upheld",
    };

    public static string Words(this ComplaintChannel channel) => channel switch
    {
        ComplaintChannel.Spoken => "Spoken",
        ComplaintChannel.Written => "Written",
        ComplaintChannel.Email => "Email",
        _ => "Comment card or letter",
    };
}
