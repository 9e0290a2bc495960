using Microsoft.Extensions.Options;
using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// Absolute addresses meant for people outside the app, such as the comment card a QR code points at. With
/// <c>App:PublicBaseUrl</c> set they start with it; otherwise with the scheme and host of the request at hand, which
/// behind a proxy is right only when the forwarded headers are believed.
/// </summary>
public sealed class PublicAddress(IOptions<AppOptions> options)
{
    public const string Setting = "App:PublicBaseUrl";

    /// <summary>The configured base, checked when the app starts (<see cref="AppOptions"/>); null when not configured.</summary>
    public Uri? ConfiguredBase { get; } = Parse(options.Value.PublicBaseUrl);

    /// <summary>The public comment card of the practice with <paramref name="slug"/>.</summary>
    public string CommentCard(HttpRequest request, string slug) => $"{Root(request)}/feedback/{Uri.EscapeDataString(slug)}";

    private string Root(HttpRequest request) => ConfiguredBase is { } configured
        ? configured.GetLeftPart(UriPartial.Path).TrimEnd('/')
        : $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>What is wrong with <paramref name="value"/> as the public base, naming the setting; null when it is usable (or empty).</summary>
    public static string? Problem(string? value) => string.IsNullOrWhiteSpace(value) || TryParse(value, out _)
        ? null
        : $"{Setting} must be an absolute http or https address without a query, such as https://care.example.com.";

    private static Uri? Parse(string? value) => string.IsNullOrWhiteSpace(value) ? null
        : TryParse(value, out var uri) ? uri : throw new InvalidOperationException(Problem(value));

    private static bool TryParse(string value, out Uri uri) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out uri!) && uri.Scheme is "https" or "http"
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo);
}

public static class PublicAddressRegistration
{
    /// <summary>The "App" settings and the public address built from them; a wrong <see cref="PublicAddress.Setting"/> stops the start.</summary>
    public static IServiceCollection AddPublicAddress(this IServiceCollection services) =>
        services.AddSettings<AppOptions>().AddSingleton<PublicAddress>();
}
