namespace ServiceRecovery.Domain;

/// <summary>
/// The short survey a patient gets when their case is resolved: how the recovery felt. Its link's token is stored
/// hashed only; it is answered once, within <see cref="Lifetime"/>. The answers are whole numbers on their own columns,
/// with the case's stage and the month of issue at hand, so reports read them directly.
/// </summary>
public sealed class RecoverySurvey
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public const int MaxComment = 2000;

    private RecoverySurvey() { }

    public Guid Id { get; private set; }
    public Guid PracticeId { get; private set; }
    public Guid CaseId { get; private set; }
    public Guid PatientId { get; private set; }

    /// <summary>The stage of the case's defect (for reports by stage); null when it had none.</summary>
    public Guid? StageId { get; private set; }

    /// <summary>SHA-256 of the link's token (<see cref="SecretToken.Hash"/>); the token itself is never stored.</summary>
    public string TokenHash { get; private set; } = "";

    public DateTimeOffset IssuedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>"The outcome was fair", 1 to 5.</summary>
    public int? OutcomeFair { get; private set; }

    /// <summary>"It was easy and quick", 1 to 5.</summary>
    public int? EasyAndQuick { get; private set; }

    /// <summary>"I was treated with respect", 1 to 5.</summary>
    public int? TreatedWithRespect { get; private set; }

    /// <summary>How likely to recommend us to a friend, 0 to 10.</summary>
    public int? Recommend { get; private set; }

    public string? Comment { get; private set; }

    /// <summary>Set when the answer is low (see <see cref="IsLow"/>), so the alert and the case page need no sums.</summary>
    public bool Low { get; private set; }

    public Guid Version { get; private set; }

    public bool IsAnswered => AnsweredAt is not null;

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>Any of the three at 2 or below, or recommend at 6 or below.</summary>
    public bool IsLow => IsAnswered && (OutcomeFair <= 2 || EasyAndQuick <= 2 || TreatedWithRespect <= 2 || Recommend <= 6);

    public static RecoverySurvey Issue(RecoveryCase recoveryCase, Guid patientId, string token, DateTimeOffset now) => new()
    {
        Id = Ids.New(),
        PracticeId = recoveryCase.PracticeId,
        CaseId = recoveryCase.Id,
        PatientId = patientId,
        StageId = recoveryCase.StageId,
        TokenHash = SecretToken.Hash(Guard.Text(token, "Token", 200)),
        IssuedAt = now,
        ExpiresAt = now + Lifetime,
        Version = Ids.New(),
    };

    public const string AlreadyAnswered = "This survey has already been answered. Thank you.";

    public const string Expired = "This survey link has expired.";

    /// <summary>The retention rule: the patient's own words go with their details; the scores stay, as figures.</summary>
    public void RemoveComment() => Comment = Comment is null ? null : RetentionRule.RemovedText;

    public void Answer(int? outcomeFair, int? easyAndQuick, int? treatedWithRespect, int? recommend, string? comment, DateTimeOffset now)
    {
        if (IsAnswered)
        {
            throw new DomainRuleException(AlreadyAnswered);
        }

        if (IsExpired(now))
        {
            throw new DomainRuleException(Expired);
        }

        OutcomeFair = Scale(outcomeFair, nameof(OutcomeFair), "how fair the outcome was", 1, 5);
        EasyAndQuick = Scale(easyAndQuick, nameof(EasyAndQuick), "how easy and quick it was", 1, 5);
        TreatedWithRespect = Scale(treatedWithRespect, nameof(TreatedWithRespect), "whether you were treated with respect", 1, 5);
        Recommend = Scale(recommend, nameof(Recommend), "how likely you are to recommend us", 0, 10);
        var trimmed = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (trimmed is { Length: > MaxComment })
        {
            throw DomainRuleException.For(nameof(Comment), $"Please keep your comment to {MaxComment} characters.");
        }

        Comment = trimmed;
        AnsweredAt = now;
        Low = IsLow;
    }

    /// <summary>The answer as the case's timeline says it.</summary>
    public string Summary() =>
        $"Survey answered: outcome {OutcomeFair}/5, ease {EasyAndQuick}/5, respect {TreatedWithRespect}/5, recommend {Recommend}/10";

    private static int Scale(int? value, string field, string what, int min, int max) =>
        value is { } v && v >= min && v <= max
            ? v
            : throw DomainRuleException.For(field, $"Choose {what}: a number from {min} to {max}.");
}
