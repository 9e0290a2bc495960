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
}
