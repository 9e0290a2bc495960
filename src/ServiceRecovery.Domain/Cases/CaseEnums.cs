namespace ServiceRecovery.Domain;

public enum CaseStatus
{
    Open = 1,
    Resolved = 2,
    Closed = 3,
    Withdrawn = 4,
}

public enum Severity
{
    Minor = 1,
    Moderate = 2,
    Major = 3,
    Critical = 4,
}

/// <summary>How the defect came to the practice's attention.</summary>
public enum DefectChannel
{
    InPerson = 1,
    Phone = 2,
    Email = 3,
    Letter = 4,
    OnlineReview = 5,
    Survey = 6,
    CommentCard = 7,
    NoticedByStaff = 8,
}

public enum ApologyMethod
{
    InPerson = 1,
    Phone = 2,
    Letter = 3,
    Email = 4,
}

public enum ContactMethod
{
    Call = 1,
    Letter = 2,
    Email = 3,
    HandWrittenNote = 4,
    SmallGift = 5,
}

public enum GestureKind
{
    Refund = 1,
    Discount = 2,
    Gift = 3,
    ComplimentaryService = 4,
    Other = 5,
}

public enum GestureState
{
    Given = 1,
    PendingApproval = 2,
    Declined = 3,
}

public enum FollowUpMethod
{
    Call = 1,
    Email = 2,
    Letter = 3,
    Text = 4,
    InPerson = 5,
}

public enum ImprovementStatus
{
    Proposed = 1,
    InProgress = 2,
    Done = 3,
}

public static class EnumText
{
    /// <summary>"HandWrittenNote" → "Hand written note": readable labels without a resource file.</summary>
    public static string Words<T>(this T value) where T : struct, Enum
    {
        var name = value.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c))
            {
                builder.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
