namespace ServiceRecovery.Domain;

/// <summary>A stage of the patient's journey through the practice (the Customer Experience Cycle).</summary>
public sealed class CxStage : PracticeListItem
{
    public static readonly IReadOnlyList<string> DefaultNames =
    [
        "First contact",
        "Booking & reminders",
        "Arrival & reception",
        "Waiting",
        "Treatment (chairside)",
        "Billing & payment",
        "After the visit",
        "Recall & return",
    ];

    private CxStage() { }

    internal CxStage(Guid practiceId, string name, int position) : base(practiceId, name, position) { }

    protected override string NameLabel => "Stage name";
}
