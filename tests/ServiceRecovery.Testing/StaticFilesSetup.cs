using Microsoft.AspNetCore.Hosting;

namespace ServiceRecovery.Testing;

public static class StaticFilesSetup
{
    /// <summary>
    /// Static files as a published app serves them: the build's compressed copies, found outside Development through
    /// the build's mapping (a published app has them in its wwwroot), cached for good, and not re-read from the disk on
    /// every request as a developer's build does (that path sends an empty body outside Development).
    /// </summary>
    public static IWebHostBuilder ServeStaticFilesAsPublished(this IWebHostBuilder builder)
    {
        builder.UseStaticWebAssets();
        return builder.UseSetting("ReloadStaticAssetsAtRuntime", "false");
    }
}
