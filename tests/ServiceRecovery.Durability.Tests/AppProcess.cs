using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ServiceRecovery.Durability.Tests;

/// <summary>
/// The real app started as its own process with <c>dotnet ServiceRecovery.Web.dll</c>, on a loopback port and a
/// data folder of the test's choosing, in Development with the demo practice seeded under a known password.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const string FrontDesk = "frontdesk@harbourside.example";
    public const string DemoPassword = "Durability-Check-2026";

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private AppProcess(Process process, Uri baseAddress, string dataFolder)
    {
        this.process = process;
        BaseAddress = baseAddress;
        DataFolder = dataFolder;
    }

    public Uri BaseAddress { get; }

    public string DataFolder { get; }

    public string DatabasePath => Path.Combine(DataFolder, "servicerecovery.db");

    /// <summary>The last lines the app wrote, for a failure message.</summary>
    /// <summary>How long a start (migrations and the demo data on a new folder) may take: generous, as a busy machine is slow, and this is no speed test.</summary>
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(90);

    public string OutputTail => string.Join(Environment.NewLine, output.TakeLast(40));

    public static async Task<AppProcess> StartAsync(string dataFolder, CancellationToken cancellationToken)
    {
        var webDll = WebDll();
        var port = FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(webDll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["App__DataFolder"] = dataFolder;
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__ServiceRecovery"] = "";
        start.Environment["Seed__DemoData"] = "true";
        start.Environment["Seed__DemoPassword"] = DemoPassword;
        start.Environment["RateLimits__SignInsPerMinute"] = "1000";

        var process = new Process { StartInfo = start };
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"), dataFolder);
        process.OutputDataReceived += (_, e) => app.Record(e.Data);
        process.ErrorDataReceived += (_, e) => app.Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilReadyAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>SIGKILL on Linux: no shutdown code runs, exactly like a power cut for the process.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    /// <summary>A graceful stop (SIGTERM) where the platform has one, else a kill.</summary>
    public async Task StopAsync()
    {
        if (process.HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                // Fall through to a kill.
            }
        }

        await KillAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 200)
        {
            output.TryDequeue(out _);
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyWithin)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} before it was ready:{Environment.NewLine}{OutputTail}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow first answer.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"The app was not ready within {ReadyWithin.TotalSeconds:0} s:{Environment.NewLine}{OutputTail}");
    }

    /// <summary>The web project's own build output, in the same configuration as this test assembly.</summary>
    private static string WebDll()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        for (var folder = testOutput; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ServiceRecovery.sln")))
            {
                var dll = Path.Combine(folder.FullName, "src", "ServiceRecovery.Web", "bin", configuration, framework, "ServiceRecovery.Web.dll");
                if (File.Exists(dll))
                {
                    return dll;
                }

                break;
            }
        }

        // Built elsewhere (e.g. with --output): the referenced project's output is copied beside the tests.
        var copied = Path.Combine(AppContext.BaseDirectory, "ServiceRecovery.Web.dll");
        return File.Exists(copied) && File.Exists(Path.Combine(AppContext.BaseDirectory, "ServiceRecovery.Web.runtimeconfig.json"))
            ? copied
            : throw new FileNotFoundException("ServiceRecovery.Web.dll was not found; build src/ServiceRecovery.Web first.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
