namespace ServiceRecovery.Domain;

/// <summary>What kind of thing went wrong, for the reports (Pareto by category).</summary>
public sealed class DefectCategory : PracticeListItem
{
    public static readonly IReadOnlyList<string> DefaultNames =
    [
        "Waiting time",
        "Communication",
        "Staff manner",
        "Booking & scheduling",
        "Billing & fees",
        "Comfort & pain",
        "Cleanliness & facilities",
        "Lost or late work (lab, records)",
        "Other",
    ];

    private DefectCategory() { }

    internal DefectCategory(Guid practiceId, string name, int position) : base(practiceId, name, position) { }

    protected override string NameLabel => "Category name";
}
