using System.Text.RegularExpressions;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Architecture;

/// <summary>
/// The web project has floors: what is shared by every area (Infrastructure, the email worker in Email) never reaches into an area (Features).
/// Each area registers its own services; Program.cs calls them.
/// </summary>
public sealed partial class FloorTests
{
    [Fact]
    public void Infrastructure_never_names_a_feature() =>
        FeaturesNamedIn("Infrastructure").ShouldBeEmpty("Infrastructure must not import Features: let the area register itself instead");

    [Fact]
    public void The_email_worker_never_names_a_feature() =>
        FeaturesNamedIn("Email").ShouldBeEmpty("the outbox sender and its transports serve every area and must not import one");

    [Fact]
    public void Case_opening_never_names_a_feature() =>
        FeaturesNamedIn("CaseOpening").ShouldBeEmpty("the log form, the comment card and the API open cases through it, so it must not reach into any of them");

    [Fact]
    public void Program_names_no_feature_type_only_the_areas_it_imports_and_registers()
    {
        var program = Path.Combine(RepositoryFolder.Root, "src", "ServiceRecovery.Web", "Program.cs");

        var inline = File.ReadLines(program).Select((text, index) => (Text: text.Trim(), Number: index + 1))
            .Where(line => !line.Text.StartsWith("using ", StringComparison.Ordinal) && !line.Text.StartsWith("//", StringComparison.Ordinal) && NamesAFeature().IsMatch(line.Text))
            .Select(line => $"Program.cs:{line.Number}: {line.Text}").ToList();

        inline.ShouldBeEmpty("Program.cs imports an area and calls its AddX(); the area names its own types");
    }

    private static List<string> FeaturesNamedIn(string folder)
    {
        var root = Path.Combine(RepositoryFolder.Root, "src", "ServiceRecovery.Web", folder);
        var files = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories);
        files.ShouldNotBeEmpty();

        return (
            from file in files
            from line in File.ReadLines(file).Select((text, index) => (Text: text, Number: index + 1))
            where !line.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && NamesAFeature().IsMatch(line.Text)
            select $"{Path.GetRelativePath(root, file)}:{line.Number}: {line.Text.Trim()}").ToList();
    }

    // "ServiceRecovery.Web.Features", or "Features.X" as a namespace from inside ServiceRecovery.Web (never HttpContext.Features).
    [GeneratedRegex(@"ServiceRecovery\.Web\.Features|(?<![\w.])Features\.[A-Z]\w*\.")]
    private static partial Regex NamesAFeature();
}
