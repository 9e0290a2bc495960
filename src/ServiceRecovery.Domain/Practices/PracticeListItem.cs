namespace ServiceRecovery.Domain;

/// <summary>
/// A name a practice keeps in a list of its own, in order, that can be renamed and retired but never deleted:
/// a journey stage (<see cref="CxStage"/>) or a defect category (<see cref="DefectCategory"/>).
/// A retired item is no longer offered for new defects but stays on old cases.
/// </summary>
public abstract class PracticeListItem
{
    protected PracticeListItem() { }

    protected PracticeListItem(Guid practiceId, string name, int position)
    {
        Id = Ids.New();
        PracticeId = practiceId;
        Name = Guard.Text(name, NameLabel, Limits.Name);
        Position = position;
    }

    /// <summary>What the name is called in a rule's message ("Stage name").</summary>
    protected abstract string NameLabel { get; }

    public Guid Id { get; private set; }
    public Guid PracticeId { get; private set; }
    public string Name { get; private set; } = "";
    public int Position { get; private set; }

    /// <summary>When set, the item is no longer offered for new defects but stays on old cases.</summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    public bool IsRetired => RetiredAt is not null;

    public void Rename(string name) => Name = Guard.Text(name, NameLabel, Limits.Name);

    public void MoveTo(int position) => Position = position;

    public void Retire(DateTimeOffset now) => RetiredAt ??= now;
}
