namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// Absolute addresses meant for people outside the app, such as the comment card a QR code points at. With
/// <c>App:PublicBaseUrl</c> set they start with it; otherwise with the scheme and host of the request at hand, which
/// behind a proxy is right only when the forwarded headers are believed.
/// </summary>
public sealed class PublicAddress(IConfiguration configuration)
{
    public const string Setting = "App:PublicBaseUrl";

    /// <summary>The configured base, checked when the app starts; null when not configured.</summary>
    public Uri? ConfiguredBase { get; } = Parse(configuration[Setting]);

    /// <summary>The public comment card of the practice with <paramref name="slug"/>.</summary>
    public string CommentCard(HttpRequest request, string slug) => $"{Root(request)}/feedback/{Uri.EscapeDataString(slug)}";

    private string Root(HttpRequest request) => ConfiguredBase is { } configured
        ? configured.GetLeftPart(UriPartial.Path).TrimEnd('/')
        : $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static Uri? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new InvalidOperationException($"{Setting} must be an absolute http or https address without a query, such as https://care.example.com.");
        }

        return uri;
    }
}
