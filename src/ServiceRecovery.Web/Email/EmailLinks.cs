using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Email;

/// <summary>Absolute links for email, from <c>App:PublicBaseUrl</c> as <see cref="PublicAddress"/> reads and checks it.</summary>
public sealed class EmailLinks(PublicAddress publicAddress)
{
    public const string DefaultBase = "http://localhost:5080/";

    public Uri Base { get; } = new(
        publicAddress.ConfiguredBase is { } configured ? configured.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" : DefaultBase,
        UriKind.Absolute);

    public Uri Case(Guid caseId) => new(Base, $"cases/{caseId}");

    /// <summary>The practice's public comment card, as the comment card settings page builds it.</summary>
    public Uri CommentCard(string slug) => new(Base, $"feedback/{Uri.EscapeDataString(slug)}");

    public Uri Queue => new(Base, "queue");

    public Uri Approvals => new(Base, "approvals");

    public Uri Preferences => new(Base, "Account/Email");

    public Uri SignIn => new(Base, "Account/SignIn");

    /// <summary>The recovery survey's page; the token is in the path, which the request log redacts (see RedactSecretsEnricher).</summary>
    public Uri Survey(string token) => new(Base, $"survey/{Uri.EscapeDataString(token)}");

    /// <summary>The page that takes an invitation or reset token; in the query string, which the request log never writes.</summary>
    public Uri SetPassword(string token) => new(Base, $"Account/SetPassword?token={Uri.EscapeDataString(token)}");
}
