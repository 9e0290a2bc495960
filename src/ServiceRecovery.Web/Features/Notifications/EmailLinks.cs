namespace ServiceRecovery.Web.Features.Notifications;

/// <summary>Absolute links for email, from <c>App:PublicBaseUrl</c> (the address staff reach the app at).</summary>
public sealed class EmailLinks(IConfiguration configuration)
{
    public const string DefaultBase = "http://localhost:5080/";

    public Uri Base { get; } = new(
        configuration["App:PublicBaseUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/') + "/" : DefaultBase,
        UriKind.Absolute);

    public Uri Case(Guid caseId) => new(Base, $"cases/{caseId}");

    public Uri Queue => new(Base, "queue");

    public Uri Approvals => new(Base, "approvals");

    public Uri Preferences => new(Base, "Account/Email");
}
