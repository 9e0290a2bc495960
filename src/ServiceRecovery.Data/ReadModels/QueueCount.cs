using ServiceRecovery.Domain;

namespace ServiceRecovery.Data.ReadModels;

/// <summary>
/// How many cases of a practice have this status, current step and severity: the queue's counts, kept as cases
/// change (<c>QueueCountKeeping</c> in the web app) so the first page need not count every open case. A read model,
/// not part of any aggregate: no rule reads it, and a recount from the case rows always gives the same numbers.
/// </summary>
public sealed class QueueCount
{
    /// <summary>The stored value for "no current step" (a settled case): a key column cannot be null on SQL Server.</summary>
    public const int NoStep = 0;

    public Guid PracticeId { get; set; }
    public CaseStatus Status { get; set; }

    /// <summary>The <see cref="ServiceStep"/> as its number, or <see cref="NoStep"/>.</summary>
    public int Step { get; set; }

    public Severity Severity { get; set; }
    public int Count { get; set; }

    public static int StepOf(ServiceStep? step) => step is { } s ? (int)s : NoStep;

    public static ServiceStep? StepFrom(int step) => step == NoStep ? null : (ServiceStep)step;
}
