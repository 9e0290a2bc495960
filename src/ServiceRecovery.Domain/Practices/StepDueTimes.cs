namespace ServiceRecovery.Domain;

/// <summary>
/// How long after a case is logged each SERVICE step is due, in minutes, keyed by step.
/// Stored per practice; a case copies them when it opens, so a change affects new cases only.
/// </summary>
public sealed class StepDueTimes
{
    /// <summary>The product brief's defaults: 1 hour, 1, 2, 3, 14, 7 and 90 days.</summary>
    public static StepDueTimes Default => new(step => step switch
    {
        ServiceStep.SaySorry => 60,
        ServiceStep.ExpediteSolutions => 24 * 60,
        ServiceStep.Respond => 2 * 24 * 60,
        ServiceStep.Victory => 3 * 24 * 60,
        ServiceStep.ImplementImprovements => 14 * 24 * 60,
        ServiceStep.CommunicateResults => 7 * 24 * 60,
        _ => 90 * 24 * 60,
    });

    public const int MaxMinutes = 366 * 24 * 60;

    private StepDueTimes() { }

    /// <summary>Each step's due time from <paramref name="minutes"/>; every one between a minute and a year.</summary>
    public StepDueTimes(Func<ServiceStep, int> minutes)
    {
        if (ServiceSteps.InOrder.Any(s => minutes(s) is <= 0 or > MaxMinutes))
        {
            throw new DomainRuleException("Each step's due time must be between one minute and one year.");
        }

        SaySorryMinutes = minutes(ServiceStep.SaySorry);
        ExpediteMinutes = minutes(ServiceStep.ExpediteSolutions);
        RespondMinutes = minutes(ServiceStep.Respond);
        VictoryMinutes = minutes(ServiceStep.Victory);
        ImproveMinutes = minutes(ServiceStep.ImplementImprovements);
        CommunicateMinutes = minutes(ServiceStep.CommunicateResults);
        ExtendMinutes = minutes(ServiceStep.ExtendOutcome);
    }

    // One column per step, named as before (DueTimes_SaySorryMinutes…); read them by step with Minutes(step).
    public int SaySorryMinutes { get; private set; }
    public int ExpediteMinutes { get; private set; }
    public int RespondMinutes { get; private set; }
    public int VictoryMinutes { get; private set; }
    public int ImproveMinutes { get; private set; }
    public int CommunicateMinutes { get; private set; }
    public int ExtendMinutes { get; private set; }

    /// <summary>The due times in SERVICE order, Say sorry first.</summary>
    public static StepDueTimes InOrder(params IReadOnlyList<int> minutes) =>
        minutes.Count == ServiceSteps.InOrder.Count
            ? new(step => minutes[(int)step - 1])
            : throw new ArgumentException($"One due time per step: {ServiceSteps.InOrder.Count}.", nameof(minutes));

    public int Minutes(ServiceStep step) => step switch
    {
        ServiceStep.SaySorry => SaySorryMinutes,
        ServiceStep.ExpediteSolutions => ExpediteMinutes,
        ServiceStep.Respond => RespondMinutes,
        ServiceStep.Victory => VictoryMinutes,
        ServiceStep.ImplementImprovements => ImproveMinutes,
        ServiceStep.CommunicateResults => CommunicateMinutes,
        ServiceStep.ExtendOutcome => ExtendMinutes,
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    public TimeSpan For(ServiceStep step) => TimeSpan.FromMinutes(Minutes(step));
}
