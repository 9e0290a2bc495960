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

    /// <summary>"Not in the future", refused beside the form field it is about.</summary>
    public static DateTimeOffset NotInFuture(DateTimeOffset value, DateTimeOffset now, string what, string field)
    {
        // A minute of grace covers clocks of reception PCs that run slightly ahead.
        return value > now.AddMinutes(1)
            ? throw DomainRuleException.For(field, $"{what} cannot be in the future.")
            : value.ToUniversalTime();
    }

    public static DateTimeOffset NotInFuture(DateTimeOffset value, DateTimeOffset now, string what)
    {
        // A minute of grace covers clocks of reception PCs that run slightly ahead.
        return value > now.AddMinutes(1)
            ? throw new DomainRuleException($"{what} cannot be in the future.")
            : value.ToUniversalTime();
    }
}
