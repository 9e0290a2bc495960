namespace ServiceRecovery.Domain;

/// <summary>Something a named person recorded on a case. Records are only ever added, never changed away.</summary>
public abstract class CaseRecord
{
    protected CaseRecord() { }

    protected CaseRecord(Guid caseId, Actor by, DateTimeOffset now)
    {
        Id = Ids.New();
        CaseId = caseId;
        RecordedById = by.UserId;
        RecordedByName = by.Name;
        RecordedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string RecordedById { get; private set; } = "";
    public string RecordedByName { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>
    /// Set on a correction: the record it replaces. The replaced record stays, so the case shows both
    /// what was first written and what it was corrected to.
    /// </summary>
    public Guid? CorrectsId { get; private set; }

    protected T AsCorrectionOf<T>(T correction) where T : CaseRecord
    {
        correction.CorrectsId = Id;
        return correction;
    }
}
