namespace ServiceRecovery.Domain;

/// <summary>The rules of a practice's list of welcome-back gestures: a short list of short, distinct lines.</summary>
public static class WelcomeGestureList
{
    public const string Field = "WelcomeGestures";
    public const int MaxItems = 12;
    public const int MaxLength = 100;

    /// <summary>Stored length: every line at its longest, with the line breaks.</summary>
    public const int StoredLength = MaxItems * (MaxLength + 1);

    public static readonly IReadOnlyList<string> Defaults =
    [
        "A warm personal welcome from the practice manager",
        "Complimentary tea or coffee while they wait",
        "First choice of appointment times for the next visit",
        "A small thank-you gift from the practice",
    ];

    public static string DefaultText => string.Join('\n', Defaults);

    /// <summary>The list as stored, one per line; the shipped list when none is stored.</summary>
    public static IReadOnlyList<string> Parse(string? stored) =>
        (stored ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } items ? items : Defaults;

    /// <summary>The lines as the practice keeps them, or the refusal naming the line at fault.</summary>
    public static IReadOnlyList<string> Check(string? lines)
    {
        var items = (lines ?? "").ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0)
        {
            throw DomainRuleException.For(Field, "List at least one welcome-back gesture, one per line.");
        }

        if (items.Length > MaxItems)
        {
            throw DomainRuleException.For(Field, $"List at most {MaxItems} welcome-back gestures; there are {items.Length}.");
        }

        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].Length > MaxLength)
            {
                throw DomainRuleException.For(Field, $"Line {i + 1} is {items[i].Length} characters; keep each gesture to {MaxLength}.");
            }

            if (Array.FindIndex(items, 0, i, other => string.Equals(other, items[i], StringComparison.OrdinalIgnoreCase)) is var first and >= 0)
            {
                throw DomainRuleException.For(Field, $"Line {i + 1} repeats line {first + 1}.");
            }
        }

        return items;
    }
}
