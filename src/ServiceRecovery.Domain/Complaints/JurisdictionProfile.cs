namespace ServiceRecovery.Domain;

/// <summary>Where a patient may take a complaint the practice has not resolved: used in outcome letters.</summary>
public sealed record EscalationBody(string Name, string Address, string Web);

/// <summary>
/// The complaint rules of one country (or state) and kind of care, shipped as data in <see cref="JurisdictionProfiles"/>.
/// When <see cref="PracticeSetsClock"/> is false the clocks are the law's: a practice may answer sooner, never later.
/// </summary>
public sealed record JurisdictionProfile(
    string Id,
    string Name,
    IReadOnlyList<HolidayRegion> Regions,
    ClockRule Acknowledge,
    ClockRule Respond,
    bool PracticeSetsClock,
    EscalationBody Escalation,
    int RetentionYears,
    int? ComplaintWindowMonths,
    string Source)
{
    /// <summary>The region whose public holidays the clock skips unless the practice chooses another of <see cref="Regions"/>.</summary>
    public HolidayRegion DefaultRegion => Regions[0];

    /// <summary>Regions of the profile whose law keeps records longer than <see cref="RetentionYears"/> (New Zealand's 10 years).</summary>
    public IReadOnlyDictionary<HolidayRegion, int> RetentionByRegion { get; init; } = new Dictionary<HolidayRegion, int>();

    /// <summary>
    /// The profile as it applies to a practice in <paramref name="region"/> (null: the default region): the same rules,
    /// with the region's own retention years where it has them.
    /// </summary>
    public JurisdictionProfile In(HolidayRegion? region) =>
        RetentionByRegion.TryGetValue(region ?? DefaultRegion, out var years) && years != RetentionYears ? this with { RetentionYears = years } : this;
}
