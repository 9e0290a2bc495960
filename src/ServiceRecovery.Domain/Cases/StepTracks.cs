namespace ServiceRecovery.Domain;

/// <summary>
/// The seven <see cref="StepTrack"/>s of a case, keyed by <see cref="ServiceStep"/>: the one place that names a
/// property per step. The case and its read-only view on the case page ask the same questions of it (which step is
/// current, what is due next, how a step looks now). Each step keeps its own columns on the case row
/// (<c>SaySorry_DueAt</c>…), so the queue, the reminders and the reports can filter and sort by one step in SQL.
/// </summary>
public sealed class StepTracks
{
    private StepTracks() { }

    private StepTracks(Func<ServiceStep, StepTrack> track)
    {
        SaySorry = track(ServiceStep.SaySorry);
        Expedite = track(ServiceStep.ExpediteSolutions);
        Respond = track(ServiceStep.Respond);
        Victory = track(ServiceStep.Victory);
        Improve = track(ServiceStep.ImplementImprovements);
        Communicate = track(ServiceStep.CommunicateResults);
        Extend = track(ServiceStep.ExtendOutcome);
    }

    /// <summary>Every step due its own time after <paramref name="openedAt"/>, as the practice's due times say.</summary>
    public static StepTracks DueFrom(DateTimeOffset openedAt, StepDueTimes due) => new(step => new StepTrack(openedAt + due.For(step)));

    public StepTrack SaySorry { get; private set; } = null!;
    public StepTrack Expedite { get; private set; } = null!;
    public StepTrack Respond { get; private set; } = null!;
    public StepTrack Victory { get; private set; } = null!;
    public StepTrack Improve { get; private set; } = null!;
    public StepTrack Communicate { get; private set; } = null!;
    public StepTrack Extend { get; private set; } = null!;

    /// <summary>The property (and column prefix) that holds a step's track.</summary>
    public static string PropertyOf(ServiceStep step) => step switch
    {
        ServiceStep.SaySorry => nameof(SaySorry),
        ServiceStep.ExpediteSolutions => nameof(Expedite),
        ServiceStep.Respond => nameof(Respond),
        ServiceStep.Victory => nameof(Victory),
        ServiceStep.ImplementImprovements => nameof(Improve),
        ServiceStep.CommunicateResults => nameof(Communicate),
        ServiceStep.ExtendOutcome => nameof(Extend),
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    public StepTrack this[ServiceStep step] => step switch
    {
        ServiceStep.SaySorry => SaySorry,
        ServiceStep.ExpediteSolutions => Expedite,
        ServiceStep.Respond => Respond,
        ServiceStep.Victory => Victory,
        ServiceStep.ImplementImprovements => Improve,
        ServiceStep.CommunicateResults => Communicate,
        ServiceStep.ExtendOutcome => Extend,
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>The first step in SERVICE order that is neither done nor skipped; null when all are settled.</summary>
    public ServiceStep? Current => ServiceSteps.InOrder.Where(s => !this[s].IsSettled).Select(s => (ServiceStep?)s).FirstOrDefault();

    /// <summary>The unsettled step due first, and its track; null when all are settled.</summary>
    public (ServiceStep Step, StepTrack Track)? NextDue =>
        ServiceSteps.InOrder.Where(s => !this[s].IsSettled).Select(s => ((ServiceStep, StepTrack)?)(s, this[s])).MinBy(t => t!.Value.Item2.DueAt);

    public StepState StateOf(ServiceStep step, DateTimeOffset now) => this[step].StateAt(now, RecoveryCase.DueSoonWindow);
}
