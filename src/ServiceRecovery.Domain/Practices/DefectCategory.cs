namespace ServiceRecovery.Domain;

/// <summary>What kind of thing went wrong, for the reports (Pareto by category).</summary>
public sealed class DefectCategory
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

    internal DefectCategory(Guid practiceId, string name, int position)
    {
        Id = Ids.New();
        PracticeId = practiceId;
        Name = Guard.Text(name, "Category name", Limits.Name);
        Position = position;
    }

    public Guid Id { get; private set; }
    public Guid PracticeId { get; private set; }
    public string Name { get; private set; } = "";
    public int Position { get; private set; }
    public DateTimeOffset? RetiredAt { get; private set; }

    public bool IsRetired => RetiredAt is not null;

    public void Rename(string name) => Name = Guard.Text(name, "Category name", Limits.Name);

    public void Retire(DateTimeOffset now) => RetiredAt ??= now;
}
