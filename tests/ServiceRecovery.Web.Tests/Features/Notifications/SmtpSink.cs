using System.Diagnostics;
using MimeKit;

namespace ServiceRecovery.Web.Tests.Features.Notifications;

/// <summary>
/// A real SMTP server on 127.0.0.1: tests/smtp-sink/sink.js (npm's smtp-server) run with node. It stores what it
/// accepts as .eml files; with <c>failFirst</c> it refuses that many messages with "451 try again later".
/// Without node a test skips on a developer's machine and fails in CI, where .ci/run installs the sink.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;

    private SmtpSink(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    public string Folder { get; }

    /// <summary>App settings that send through this sink.</summary>
    public Dictionary<string, string> Settings => new()
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:TimeoutSeconds"] = "10",
        ["Email:From"] = "ServiceRecovery <reminders@harbourside.test>",
    };

    public static async Task<SmtpSink> StartAsync(int failFirst = 0)
    {
        var directory = SinkDirectory();
        var node = FindOnPath("node");
        if (directory is null || node is null)
        {
            var reason = directory is null ? "tests/smtp-sink was not found" : "node is not installed";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"CI=true but the SMTP tests cannot run: {reason}");
            }

            Assert.Skip($"The SMTP sink cannot start: {reason}.");
        }

        if (!Directory.Exists(Path.Combine(directory, "node_modules", "smtp-server")))
        {
            await InstallAsync(directory);
        }

        var folder = Path.Combine(Path.GetTempPath(), "servicerecovery-smtp", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(node, ["sink.js", folder, "--fail-first", failFirst.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                       ?? throw new InvalidOperationException("The SMTP sink stopped: " + await process.StandardError.ReadToEndAsync(timeout.Token));
            if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                return new SmtpSink(process, int.Parse(line["LISTENING ".Length..], System.Globalization.CultureInfo.InvariantCulture), folder);
            }
        }
    }

    /// <summary>The messages the sink accepted, in arrival order.</summary>
    public IReadOnlyList<MimeMessage> Messages() => Directory.Exists(Folder)
        ? Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList()
        : [];

    /// <summary>Waits until the sink holds at least <paramref name="count"/> messages matching <paramref name="match"/>.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, Func<MimeMessage, bool> match, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = Messages().Where(match).ToList();
            if (found.Count >= count || DateTime.UtcNow > until)
            {
                return found;
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp folders.
        }
    }

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private static async Task InstallAsync(string directory)
    {
        await InstallLock.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(directory, "node_modules", "smtp-server")))
            {
                return;
            }

            var npm = FindOnPath("npm") ?? throw new InvalidOperationException("npm is needed to install the SMTP sink (npm ci in tests/smtp-sink).");
            using var install = Process.Start(new ProcessStartInfo(npm, ["ci", "--no-audit", "--no-fund"]) { WorkingDirectory = directory, UseShellExecute = false })!;
            await install.WaitForExitAsync();
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in tests/smtp-sink failed with exit code {install.ExitCode}.");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static string? SinkDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "smtp-sink");
            if (File.Exists(Path.Combine(candidate, "sink.js")))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(folder => Path.Combine(folder, program))
        .FirstOrDefault(File.Exists);
}
