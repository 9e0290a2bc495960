namespace ServiceRecovery.Data.ReadModels;

/// <summary>
/// One month of a practice's report, as kept figures (<see cref="ReportTally"/>): a read model, filled from the case rows
/// in the background (<c>ReportMonthKeeper</c> in the web app) and never read by a rule. Every save that changes a case
/// of the month adds one to <see cref="Changes"/> in its own transaction; the keeper, having read the month's rows,
/// sets <see cref="Computed"/> to the value of <see cref="Changes"/> it read first. The month's tallies are good while the
/// two are equal; a report reads any other month from the rows, so it is never behind a committed change.
/// </summary>
public sealed class ReportMonth
{
    public Guid PracticeId { get; set; }

    /// <summary>The 1st of the month, at the practice: the month its cases' defects happened in.</summary>
    public DateOnly Month { get; set; }

    public int Changes { get; set; }

    public int Computed { get; set; }

    public DateTimeOffset? ComputedAt { get; set; }
}

/// <summary>One number of a kept month (<see cref="ReportMonth"/>): what it counts is <see cref="Figure"/>; its key and bucket depend on it.</summary>
public sealed class ReportTally
{
    public Guid PracticeId { get; set; }
    public DateOnly Month { get; set; }
    public ReportFigure Figure { get; set; }

    /// <summary>The stage, category or improvement counted, or <see cref="Guid.Empty"/> (no stage, no category, or a figure without a key).</summary>
    public Guid KeyId { get; set; }

    /// <summary>A histogram's value in tenths, a day's number, or which outcome; 0 where the figure has none.</summary>
    public int Bucket { get; set; }

    public int Count { get; set; }

    public decimal Amount { get; set; }
}

/// <summary>What a <see cref="ReportTally"/> counts. The numbers are stored: never renumber them.</summary>
public enum ReportFigure
{
    /// <summary>Defects by stage: <see cref="ReportTally.KeyId"/> is the stage (empty: "not sure").</summary>
    Stage = 1,

    /// <summary>Defects by category: <see cref="ReportTally.KeyId"/> is the category (empty: none).</summary>
    Category = 2,

    /// <summary>Time to apology: <see cref="ReportTally.Bucket"/> in tenths of an hour, <see cref="ReportTally.Count"/> cases.</summary>
    Apology = 3,

    /// <summary>Time to resolution: <see cref="ReportTally.Bucket"/> in tenths of a day, <see cref="ReportTally.Count"/> cases.</summary>
    Resolution = 4,

    /// <summary>Given gestures' cost: <see cref="ReportTally.Bucket"/> the practice's day they counted on (<see cref="DateOnly.DayNumber"/>), <see cref="ReportTally.Amount"/> their sum.</summary>
    Cost = 5,

    /// <summary>Case outcomes: <see cref="ReportTally.Bucket"/> one of <see cref="ReportOutcome"/>, <see cref="ReportTally.Count"/> cases.</summary>
    Outcome = 6,

    /// <summary>Cases linked to an improvement: <see cref="ReportTally.KeyId"/> is the improvement, <see cref="ReportTally.Count"/> distinct cases.</summary>
    Improvement = 7,
}

/// <summary>The buckets of <see cref="ReportFigure.Outcome"/>.</summary>
public enum ReportOutcome
{
    GestureGiven = 0,
    Recovered = 1,
    RecoveredReturned = 2,
    OtherReturned = 3,
}
