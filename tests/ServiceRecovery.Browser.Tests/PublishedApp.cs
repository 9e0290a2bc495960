using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace ServiceRecovery.Browser.Tests;

/// <summary>
/// The app as an installation runs it: the output of <c>dotnet publish</c>, started with <c>dotnet ServiceRecovery.Web.dll</c>
/// as its own process in Production, over HTTPS with a certificate from configuration (Kestrel's own
/// <c>Kestrel:Certificates:Default:Path</c> and <c>Password</c>), plain HTTP on a second port, an empty data folder, and
/// migrations run beforehand by the app's <c>migrate</c> command (<c>Database:MigrateOnStartup=false</c>).
/// </summary>
/// <remarks>
/// Publishing copies the web project's existing build output (<c>--no-build</c>, in this test assembly's configuration):
/// measured on a busy two-core machine, 14 s against 2 min for a fresh <c>-c Release</c> publish, and it gives the same
/// layout, the static files in <c>wwwroot</c> included, which a plain build output serves in Development only.
/// </remarks>
public sealed partial class PublishedApp : IAsyncDisposable
{
    /// <summary>The name the browser uses for the app; Chromium resolves it to 127.0.0.1 (HSTS leaves out localhost and IP addresses).</summary>
    public const string HostName = "servicerecovery.test";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<string> output = new();
    private readonly string root;
    private readonly X509Certificate2 certificate;
    private Process? process;

    private PublishedApp(string root, X509Certificate2 certificate, int httpsPort, int httpPort)
    {
        this.root = root;
        this.certificate = certificate;
        HttpsPort = httpsPort;
        HttpPort = httpPort;
    }

    public int HttpsPort { get; }

    public int HttpPort { get; }

    /// <summary>The address the browser opens: the certificate's host name on the HTTPS port.</summary>
    public Uri BaseAddress => new($"https://{HostName}:{HttpsPort}/");

    public string AppFolder => Path.Combine(root, "app");

    public string DataFolder => Path.Combine(root, "data");

    /// <summary>How long <c>dotnet publish</c> took.</summary>
    public TimeSpan PublishTime { get; private set; }

    /// <summary>What the <c>migrate</c> command run before the start answered.</summary>
    public CommandResult Migration { get; private set; } = null!;

    /// <summary>Everything the app wrote to standard output and standard error so far.</summary>
    public IReadOnlyList<string> Output => [.. output];

    /// <summary>The last lines the app wrote, for a failure message.</summary>
    public string OutputTail => string.Join(Environment.NewLine, output.TakeLast(40));

    /// <summary>Publishes the app, makes its certificate, migrates the empty database and starts it; stops it again on any failure.</summary>
    public static async Task<PublishedApp> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var root = Path.Combine(Path.GetTempPath(), "servicerecovery-published", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var app = new PublishedApp(root, CreateCertificate(Path.Combine(root, "certificate.pfx"), out var password), FreePort(), FreePort());
        try
        {
            await app.PublishAsync();
            app.Settings = new Dictionary<string, string>(settings)
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = $"https://127.0.0.1:{app.HttpsPort};http://127.0.0.1:{app.HttpPort}",
                ["Kestrel__Certificates__Default__Path"] = Path.Combine(root, "certificate.pfx"),
                ["Kestrel__Certificates__Default__Password"] = password,
                ["App__DataFolder"] = app.DataFolder,
                ["App__PublicBaseUrl"] = app.BaseAddress.ToString(),
                ["Database__Provider"] = "Sqlite",
                ["ConnectionStrings__ServiceRecovery"] = "",
                ["Database__MigrateOnStartup"] = "false",
                ["ForwardedHeaders__KnownProxies"] = "",
            };
            app.Migration = await app.RunCommandAsync(["migrate"]);
            if (app.Migration.ExitCode != 0)
            {
                throw new InvalidOperationException($"migrate exited with {app.Migration.ExitCode}: {app.Migration.Error}{app.Migration.Output}");
            }

            app.Start();
            await app.WaitUntilReadyAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private Dictionary<string, string> Settings { get; set; } = [];

    /// <summary>An HTTP client that trusts this app's certificate alone, for requests outside the browser.</summary>
    public HttpClient CreateHttpClient(bool followRedirects = false) => new(new HttpClientHandler
    {
        AllowAutoRedirect = followRedirects,
        ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented is not null && presented.Thumbprint == certificate.Thumbprint,
    })
    { Timeout = TimeSpan.FromSeconds(15) };

    /// <summary>
    /// Runs a command of the published app (<c>dotnet ServiceRecovery.Web.dll migrate</c>) with the app's settings and
    /// any <paramref name="overrides"/>; a command still running after a minute is killed and reported.
    /// </summary>
    public async Task<CommandResult> RunCommandAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? overrides = null)
    {
        using var command = new Process { StartInfo = StartInfo(arguments, overrides) };
        command.Start();
        var stdout = command.StandardOutput.ReadToEndAsync();
        var stderr = command.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await command.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            command.Kill(entireProcessTree: true);
            await command.WaitForExitAsync();
            throw new TimeoutException($"`{string.Join(' ', arguments)}` did not exit within a minute:{Environment.NewLine}{await stdout}{await stderr}");
        }

        return new CommandResult(command.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// The one-time setup link the app prints on an empty database outside Development (a line containing
    /// <c>/setup?token=</c>), made relative to <see cref="BaseAddress"/>: the printed address may name another host.
    /// </summary>
    public async Task<Uri> WaitForSetupLinkAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (output.Select(SetupLinkIn).FirstOrDefault(link => link is not null) is { } link)
            {
                return new Uri(BaseAddress, link);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The app printed no setup link within {timeout.TotalSeconds:0} s:{Environment.NewLine}{OutputTail}");
    }

    /// <summary>The path and query of a setup link in one line of the app's output, or null when the line has none.</summary>
    public static string? SetupLinkIn(string line)
    {
        var match = SetupLink().Match(line);
        return match.Success ? match.Value : null;
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
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

        certificate.Dispose();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A file may still be held for a moment; the OS cleans temp folders.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private async Task PublishAsync()
    {
        var (repository, configuration) = RepositoryAndConfiguration();
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repository,
        };
        foreach (var argument in new[]
        {
            "publish", Path.Combine(repository, "src", "ServiceRecovery.Web", "ServiceRecovery.Web.csproj"),
            "-c", configuration, "--no-build", "-o", AppFolder, "-p:UseAppHost=false", "--nologo",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await publish.WaitForExitAsync(timeout.Token);
        PublishTime = clock.Elapsed;
        if (publish.ExitCode != 0 || !File.Exists(Path.Combine(AppFolder, "ServiceRecovery.Web.dll")))
        {
            throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}):{Environment.NewLine}{await stdout}{await stderr}");
        }
    }

    private void Start()
    {
        process = new Process { StartInfo = StartInfo([], null) };
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        // The child must not outlive a test run that ends without disposing its fixture.
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            process?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? overrides)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = AppFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppFolder, "ServiceRecovery.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing of the test runner's own hosting settings leaks into the app.
        foreach (var inherited in start.Environment.Keys.Where(key => key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in Settings.Concat(overrides ?? new Dictionary<string, string>()))
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = CreateHttpClient();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"The published app exited with {process.ExitCode} before it was ready:{Environment.NewLine}{OutputTail}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"https://127.0.0.1:{HttpsPort}/health/ready"));
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
                // A slow first answer.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The published app was not ready within {StartTimeout.TotalSeconds:0} s:{Environment.NewLine}{OutputTail}");
    }

    /// <summary>A self-signed server certificate for the test's host name, localhost and 127.0.0.1, as a PFX with a random password.</summary>
    private static X509Certificate2 CreateCertificate(string pfxPath, out string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={HostName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(HostName);
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        File.WriteAllBytes(pfxPath, created.Export(X509ContentType.Pfx, password));
        return X509CertificateLoader.LoadCertificate(created.RawData);
    }

    /// <summary>The repository root and this test assembly's configuration (its output is bin/{configuration}/{framework}).</summary>
    private static (string Repository, string Configuration) RepositoryAndConfiguration()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        for (var folder = testOutput; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ServiceRecovery.sln")))
            {
                return (folder.FullName, configuration);
            }
        }

        throw new DirectoryNotFoundException("The repository (ServiceRecovery.sln) was not found above the test output.");
    }

    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"/setup\?token=[A-Za-z0-9\-_.~%]+")]
    private static partial Regex SetupLink();
}

/// <summary>A command's exit code and what it wrote.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error);
