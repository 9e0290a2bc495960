using System.Net;
using System.Text.RegularExpressions;

namespace ServiceRecovery.Benchmarks;

/// <summary>
/// One signed-in member of staff over HTTP: a cookie jar, the antiforgery token of the session, and forms posted
/// as a browser posts them. Pages are read as text with two regular expressions, not parsed, so the client costs
/// little CPU on a machine it shares with the server.
/// </summary>
public sealed partial class BenchClient : IDisposable
{
    private readonly HttpClient http;

    private BenchClient(HttpClient http) => this.http = http;

    public string Token { get; private set; } = "";

    public static async Task<BenchClient> SignInAsync(Uri baseAddress, string email, string password, TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        var client = new BenchClient(new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) });
        var (_, signIn) = await client.GetAsync("/Account/SignIn");
        using var response = await client.PostAsync("/Account/SignIn", TokenOf(signIn),
            [new("Input.Email", email), new("Input.Password", password)]);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            client.Dispose();
            throw new InvalidOperationException($"Sign-in as {email} failed with {(int)response.StatusCode}.");
        }

        // The token belongs to the signed-in session: read it from a page behind sign-in.
        var (_, page) = await client.GetAsync("/defects/log");
        client.Token = TokenOf(page);
        return client;
    }

    /// <summary>A caller of the API, as a PMS bridge is: no cookies, its practice's key in <c>X-Api-Key</c>.</summary>
    public static BenchClient ForApiKey(Uri baseAddress, string key)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(180) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return new BenchClient(http);
    }

    /// <summary>Sends a JSON body (or none) and reads the answer as text.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendJsonAsync(HttpMethod method, string url, string? json, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string url, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative), cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Reads the whole body as it streams, counting lines, without keeping it.</summary>
    public async Task<(HttpStatusCode Status, long Bytes, int Lines)> DrainAsync(string url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[64 * 1024];
        long bytes = 0;
        var lines = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return (response.StatusCode, bytes, lines);
    }

    public Task<HttpResponseMessage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken) =>
        PostAsync(url, Token, fields, cancellationToken);

    /// <summary>Posts a file as a browser's file input does, with the session's antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFileAsync(string url, string field, byte[] file, string fileName = "patients.csv", CancellationToken cancellationToken = default)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Token), "__RequestVerificationToken" },
            { new ByteArrayContent(file), field, fileName },
        };
        return await http.PostAsync(new Uri(url, UriKind.Relative), content, cancellationToken);
    }

    public void Dispose() => http.Dispose();

    public static string VersionOf(string page) => VersionField().Match(page) is { Success: true } m ? m.Groups[1].Value
        : throw new InvalidOperationException("The case page has no Version field.");

    private async Task<HttpResponseMessage> PostAsync(string url, string token, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken = default)
    {
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await http.PostAsync(new Uri(url, UriKind.Relative), content, cancellationToken);
    }

    private static string TokenOf(string page) => TokenField().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<input[^>]*name=\"Version\"[^>]*value=\"([0-9a-fA-F-]{36})\"")]
    private static partial Regex VersionField();
}
