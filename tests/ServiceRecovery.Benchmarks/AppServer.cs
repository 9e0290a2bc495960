using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ServiceRecovery.Benchmarks;

/// <summary>
/// The real app as its own process (<c>dotnet ServiceRecovery.Web.dll</c>) on a loopback port, in Staging (no
/// developer pages; cookies follow the request so plain HTTP works), on the generated database, with migrations
/// and seeding off, sign-in limits raised for the load clients and the benchmark endpoints on.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private AppServer(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    public string OutputTail => string.Join(Environment.NewLine, output.TakeLast(30));

    public static async Task<AppServer> StartAsync(string webDll, string databasePath, string dataFolder, bool quick = false)
    {
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
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        start.Environment["DOTNET_ENVIRONMENT"] = "Staging";
        start.Environment["App__DataFolder"] = dataFolder;
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Database__MigrateOnStartup"] = "false";
        start.Environment["ConnectionStrings__ServiceRecovery"] = $"Data Source={databasePath};Default Timeout=30;Pooling=True";
        start.Environment["Seed__DemoData"] = "false";
        start.Environment["RateLimits__SignInsPerMinute"] = "100000";
        // The load clients of the API share one key per practice; its per-key limit is for a PMS bridge, not for 16 clients.
        start.Environment["RateLimits__ApiCallsPerMinute"] = "100000000";
        start.Environment["Benchmarks__Endpoints"] = "true";
        // --quick does not wait for the report's months to be counted, nor counts them during its short phases: its
        // reports read the rows.
        if (quick)
        {
            start.Environment["Reports__KeepFigures"] = "false";
        }

        // No file watchers on appsettings: on a shared machine the user's inotify instances can run out.
        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        start.Environment["DOTNET_USE_POLLING_FILE_WATCHER"] = "true";

        var process = new Process { StartInfo = start };
        var app = new AppServer(process, new Uri($"http://127.0.0.1:{port}")) { IdlePoll = TimeSpan.FromSeconds(quick ? 0.1 : 0.5) };
        process.OutputDataReceived += (_, e) => app.Record(e.Data);
        process.ErrorDataReceived += (_, e) => app.Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilReadyAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>Resident memory now and at its peak, in MiB, from /proc (Linux); zeros elsewhere.</summary>
    public (double Rss, double Hwm) Memory()
    {
        var status = $"/proc/{process.Id}/status";
        if (!File.Exists(status))
        {
            return (0, 0);
        }

        double rss = 0, hwm = 0;
        foreach (var line in File.ReadLines(status))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kib(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kib(line) / 1024.0;
            }
        }

        return (rss, hwm);

        static double Kib(string line) => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until the server uses less than a fifth of a core over half a second (from /proc), or the time is up.</summary>
    /// <summary>How often <see cref="WaitUntilIdleAsync"/> looks at the server's CPU time (shorter with --quick).</summary>
    public TimeSpan IdlePoll { get; init; } = TimeSpan.FromSeconds(0.5);

    public async Task WaitUntilIdleAsync(TimeSpan atMost)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < atMost && CpuTicks() is { } before)
        {
            await Task.Delay(IdlePoll);
            if (CpuTicks() is not { } after || (after - before) / 100.0 / IdlePoll.TotalSeconds < 0.2)
            {
                return;
            }
        }
    }

    /// <summary>User and system CPU time of the server so far, in clock ticks (1/100 s), from /proc/&lt;pid&gt;/stat.</summary>
    private long? CpuTicks()
    {
        var stat = $"/proc/{process.Id}/stat";
        if (!File.Exists(stat))
        {
            return null;
        }

        // The command name may hold spaces: the fields are counted after its closing parenthesis.
        var fields = File.ReadAllText(stat).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
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
        while (output.Count > 100)
        {
            output.TryDequeue(out _);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} before it was ready:{Environment.NewLine}{OutputTail}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow first answer.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The app was not ready within 90 s:{Environment.NewLine}{OutputTail}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
