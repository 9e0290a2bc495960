namespace ServiceRecovery.Domain;

/// <summary>
/// How long after a case is logged each SERVICE step is due, in minutes.
/// Stored per practice; a case copies them when it opens, so a change affects new cases only.
/// </summary>
public sealed class StepDueTimes
{
    public static StepDueTimes Default => new(60, 24 * 60, 2 * 24 * 60, 3 * 24 * 60, 14 * 24 * 60, 7 * 24 * 60, 90 * 24 * 60);

    private StepDueTimes() { }

    public StepDueTimes(int saySorry, int expedite, int respond, int victory, int improve, int communicate, int extend)
    {
        int[] all = [saySorry, expedite, respond, victory, improve, communicate, extend];
        if (all.Any(m => m <= 0 || m > 366 * 24 * 60))
        {
            throw new DomainRuleException("Each step's due time must be between one minute and one year.");
        }

        SaySorryMinutes = saySorry;
        ExpediteMinutes = expedite;
        RespondMinutes = respond;
        VictoryMinutes = victory;
        ImproveMinutes = improve;
        CommunicateMinutes = communicate;
        ExtendMinutes = extend;
    }

    public int SaySorryMinutes { get; private set; }
    public int ExpediteMinutes { get; private set; }
    public int RespondMinutes { get; private set; }
    public int VictoryMinutes { get; private set; }
    public int ImproveMinutes { get; private set; }
    public int CommunicateMinutes { get; private set; }
    public int ExtendMinutes { get; private set; }

    public TimeSpan For(ServiceStep step) => TimeSpan.FromMinutes(step switch
    {
        ServiceStep.SaySorry => SaySorryMinutes,
        ServiceStep.ExpediteSolutions => ExpediteMinutes,
        ServiceStep.Respond => RespondMinutes,
        ServiceStep.Victory => VictoryMinutes,
        ServiceStep.ImplementImprovements => ImproveMinutes,
        ServiceStep.CommunicateResults => CommunicateMinutes,
        ServiceStep.ExtendOutcome => ExtendMinutes,
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    });
}
