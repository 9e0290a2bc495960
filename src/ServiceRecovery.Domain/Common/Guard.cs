namespace ServiceRecovery.Domain;

internal static class Guard
{
    public static string Text(string? value, string what, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainRuleException($"{what} is required.");
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainRuleException($"{what} must be at most {maxLength} characters.");
        }

        return trimmed;
    }

    public static string? OptionalText(string? value, string what, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > maxLength
            ? throw new DomainRuleException($"{what} must be at most {maxLength} characters.")
            : trimmed;
    }

    public static DateTimeOffset NotInFuture(DateTimeOffset value, DateTimeOffset now, string what, string field)
    {
        // A minute of grace covers clocks of reception PCs that run slightly ahead.
        return value > now.AddMinutes(1)
            ? throw DomainRuleException.For(field, $"{what} cannot be in the future.")
            : value.ToUniversalTime();
    }
}
