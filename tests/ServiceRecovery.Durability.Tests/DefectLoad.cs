using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using ServiceRecovery.Testing;

namespace ServiceRecovery.Durability.Tests;

/// <summary>A defect the app acknowledged: its POST answered with a redirect to the new case.</summary>
public sealed record Acknowledged(string PatientName, string CaseUrl);

/// <summary>Front-desk staff logging defects through the real form, several at once, over loopback only.</summary>
public static class DefectLoad
{
    public const string Description = "Durability check: the patient waited 40 minutes with no explanation.";

    public static async Task<WebClient> SignInAsync(Uri baseAddress)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        var client = new WebClient(new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) });
        var response = await client.SubmitAsync("/Account/SignIn", "form", new() { ["Input.Email"] = AppProcess.FrontDesk, ["Input.Password"] = AppProcess.DemoPassword });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            client.Dispose();
            throw new InvalidOperationException($"Sign-in failed with {(int)response.StatusCode}.");
        }

        return client;
    }

    /// <summary>
    /// Runs <paramref name="loops"/> signed-in clients that each log defects one after another, with a unique patient
    /// name each, until <paramref name="maxRequests"/> posts in all, <paramref name="duration"/>, or <paramref name="stop"/>.
    /// A loop ends at its first transport error (the app was killed).
    /// </summary>
    public static async Task<LoadResult> RunAsync(Uri baseAddress, string prefix, int loops, int maxRequests, TimeSpan duration, ConcurrentBag<Acknowledged> acknowledged, CancellationToken stop)
    {
        var issued = 0;
        var refused = 0;
        var broken = 0;
        var clock = Stopwatch.StartNew();
        var clients = await Task.WhenAll(Enumerable.Range(0, loops).Select(_ => SignInAsync(baseAddress)));
        try
        {
            await Task.WhenAll(clients.Select((client, loop) => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested && clock.Elapsed < duration)
                {
                    var n = Interlocked.Increment(ref issued);
                    if (n > maxRequests)
                    {
                        return;
                    }

                    var name = $"{prefix} {loop}-{n}";
                    try
                    {
                        var page = await client.GetPageAsync("/defects/log");
                        var stage = page.QuerySelector("#Input_StageId option[value]:not([value=''])")!.GetAttribute("value");
                        using var response = await client.SubmitAsync(page, "#log-defect-form", new()
                        {
                            ["Input.PatientName"] = name,
                            ["Input.PatientPhone"] = "0412 345 678",
                            ["Input.StageId"] = stage,
                            ["Input.Description"] = Description,
                        });
                        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString is { } location && location.StartsWith("/cases/", StringComparison.Ordinal))
                        {
                            acknowledged.Add(new Acknowledged(name, location));
                        }
                        else
                        {
                            Interlocked.Increment(ref refused);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        Interlocked.Increment(ref broken);
                        return;
                    }
                }
            }, CancellationToken.None)));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        return new LoadResult(Math.Min(issued, maxRequests), refused, broken, clock.Elapsed);
    }

    public static SqliteConnection OpenReadOnly(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static string IntegrityCheck(SqliteConnection connection) => Scalar<string>(connection, "PRAGMA integrity_check");

    public static long CaseCount(SqliteConnection connection) => Scalar<long>(connection, "SELECT COUNT(*) FROM RecoveryCases");

    public static HashSet<string> PatientNames(SqliteConnection connection, string prefix)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DisplayName FROM Patients WHERE DisplayName LIKE $prefix || '%'";
        command.Parameters.AddWithValue("$prefix", prefix);
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }
}

public sealed record LoadResult(int Issued, int Refused, int Broken, TimeSpan Elapsed);
