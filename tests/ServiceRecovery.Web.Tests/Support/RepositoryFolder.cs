namespace ServiceRecovery.Web.Tests.Support;

/// <summary>The repository's root, for tests that read its files (the compose file, the source's floors).</summary>
public static class RepositoryFolder
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ServiceRecovery.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository (ServiceRecovery.sln) was not found above the test output.");
    }
}
