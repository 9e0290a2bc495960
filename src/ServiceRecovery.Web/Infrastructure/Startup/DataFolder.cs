namespace ServiceRecovery.Web.Infrastructure.Startup;

/// <summary>The folder for the SQLite file, the logs and the mail pickup: <c>App:DataFolder</c>, or <c>data/</c> under the content root.</summary>
public static class DataFolder
{
    public const string Setting = "App:DataFolder";

    public static string Resolve(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.ReadSettings<AppOptions>().DataFolder is { Length: > 0 } configured
            ? Path.GetFullPath(configured, environment.ContentRootPath)
            : Path.Combine(environment.ContentRootPath, "data");
}
