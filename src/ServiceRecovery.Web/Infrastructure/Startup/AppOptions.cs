using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Infrastructure.Startup;

/// <summary>The "App" section: where the app keeps its files and the address people outside reach it at.</summary>
public sealed class AppOptions : ISettings, IValidatableObject
{
    public static string Section => "App";

    /// <summary>The folder for the SQLite file, the logs and the mail pickup; empty: <c>data/</c> under the content root.</summary>
    public string DataFolder { get; set; } = "";

    /// <summary>Such as <c>https://care.example.com</c>: the comment card's QR code and the links in email start with it; empty: the request's own address.</summary>
    public string PublicBaseUrl { get; set; } = "";

    // A wrong address stops the start, rather than every printed QR code pointing nowhere.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        PublicAddress.Problem(PublicBaseUrl) is { } problem ? [new ValidationResult(problem, [nameof(PublicBaseUrl)])] : [];
}
