namespace ServiceRecovery.Domain.Tests.Builders;

/// <summary>Opens a <see cref="RecoveryCase"/> the way the app does: practice, patient, defect, then RecoveryCase.Open.</summary>
internal sealed class CaseBuilder
{
    private Practice? _practice;
    private DateTimeOffset _openedAt = A.Now;
    private DateTimeOffset? _occurredAt;
    private Actor _loggedBy = A.FrontDesk;
    private CaseReference _reference = new(2026, 42);

    public CaseBuilder In(Practice practice)
    {
        _practice = practice;
        return this;
    }

    public CaseBuilder OpenedAt(DateTimeOffset openedAt)
    {
        _openedAt = openedAt;
        return this;
    }

    public CaseBuilder DefectOccurredAt(DateTimeOffset occurredAt)
    {
        _occurredAt = occurredAt;
        return this;
    }

    public CaseBuilder LoggedBy(Actor actor)
    {
        _loggedBy = actor;
        return this;
    }

    public CaseBuilder WithReference(int year, int number)
    {
        _reference = new CaseReference(year, number);
        return this;
    }

    public RecoveryCase Build()
    {
        var practice = _practice ?? A.Practice();
        var defect = A.DefectIn(practice, _occurredAt ?? _openedAt.AddMinutes(-30), _openedAt);
        return RecoveryCase.Open(practice, _reference, defect, _loggedBy, _openedAt);
    }
}
