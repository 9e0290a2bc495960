namespace ServiceRecovery.Domain;

/// <summary>
/// A SERVICE rule refused a change. The message is written for the person at the screen
/// and never contains patient details.
/// </summary>
public sealed class DomainRuleException : Exception
{
    public DomainRuleException(string message) : base(message) { }

    public DomainRuleException() { }

    public DomainRuleException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The form field the rule is about (the property name the form and command share); null for the form as a whole.</summary>
    public string? Field { get; private init; }

    /// <summary>A refusal about one field, shown beside it.</summary>
    public static DomainRuleException For(string field, string message) => new(message) { Field = field };
}
