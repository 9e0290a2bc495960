using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Security;

/// <summary>
/// Sends hostile values one at a time and judges each answer. Never a 5xx; never a value with markup echoed
/// unencoded. A rejected value (a 4xx, or the page back with its messages) leaves every table exactly as it
/// was. An accepted value of a free-text field is stored as sent (less surrounding white space) and shown
/// encoded where the answer leads.
/// </summary>
public sealed partial class HostileDriver(AppFactory app, WebClient client)
{
    /// <summary>The free-text fields, by name: when their value is accepted it must be stored and shown.</summary>
    public IReadOnlySet<string> TextFields { get; init; } = new HashSet<string>();

    /// <summary>Free-text fields kept only within a sentence of the timeline ("Case reopened: …"), not on their own.</summary>
    public IReadOnlySet<string> TextFieldsInWording { get; init; } = new HashSet<string>();

    /// <summary>Work to do before each value is sent and the data read, such as making a case that has the form.</summary>
    public Func<string, Task>? BeforeEach { get; init; }

    /// <summary>Tables a rejected value may change on purpose, such as the audit of a failed sign-in.</summary>
    public IReadOnlyCollection<string> Unwatched { get; init; } = [];

    /// <summary>Where an accepted value is shown, when that is not where the answer leads.</summary>
    public Func<string, HttpResponseMessage, string?>? ShownAt { get; init; }

    /// <summary>Each target is a field name, or anything ending in "|" and the field name.</summary>
    public async Task DriveAsync(IEnumerable<(string Target, string Value)> inputs, Func<string, string, Task<HttpResponseMessage>> send)
    {
        var failures = new List<string>();
        var (accepted, rejected) = (0, 0);
        foreach (var (target, value) in inputs)
        {
            var label = $"{target} = {Printable(value)}";
            if (BeforeEach is not null)
            {
                await BeforeEach(target);
            }

            var before = await StoredData.ReadAsync(app, Unwatched);
            var response = await send(target, value);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{label} → {(int)response.StatusCode}");
                continue;
            }

            var html = IsHtml(response) ? await response.Content.ReadAsStringAsync() : null;
            if (html is not null && value.Contains('<', StringComparison.Ordinal) && html.Contains(value, StringComparison.Ordinal))
            {
                failures.Add($"{label} echoed unencoded");
            }

            var changed = before.TablesChangedIn(await StoredData.ReadAsync(app, Unwatched));
            if ((int)response.StatusCode >= 400 || html?.Contains("id=\"error-summary\"", StringComparison.Ordinal) == true)
            {
                rejected++;
                if (changed.Count > 0)
                {
                    failures.Add($"{label} was rejected ({(int)response.StatusCode}) but changed {string.Join(", ", changed)}");
                }

                continue;
            }

            accepted++;
            var field = target.Split('|')[^1];
            // What arrives is the value in UTF-8: a lone surrogate cannot be encoded and arrives as U+FFFD.
            var expected = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value)).Trim();
            var inWording = TextFieldsInWording.Contains(field);
            if ((TextFields.Contains(field) || inWording) && expected.Length > 0)
            {
                var cells = before.CellsNewIn(await StoredData.ReadAsync(app, Unwatched));
                if (!cells.Any(cell => inWording ? cell.Contains(expected, StringComparison.Ordinal) : cell == expected))
                {
                    failures.Add($"{label} was accepted ({(int)response.StatusCode}) but not stored as sent");
                }
                else if (await ShownProblemAsync(target, response, html, value, expected) is { } problem)
                {
                    failures.Add($"{label} was accepted but {problem}");
                }
            }
        }

        failures.ShouldBeEmpty($"{accepted} accepted, {rejected} rejected");
        rejected.ShouldBeGreaterThan(0, "a hostile corpus that nothing rejects has not reached the validation");
        (await client.Http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Null when the page the answer leads to shows the value as text; otherwise what is wrong.</summary>
    private async Task<string?> ShownProblemAsync(string target, HttpResponseMessage response, string? html, string value, string expected)
    {
        var url = ShownAt?.Invoke(target, response) ?? response.Headers.Location?.OriginalString;
        if (url is not null)
        {
            var shown = await client.Http.GetAsync(url);
            html = await shown.Content.ReadAsStringAsync();
        }

        if (html is null)
        {
            return null;
        }

        if (value.Contains('<', StringComparison.Ordinal) && html.Contains(value, StringComparison.Ordinal))
        {
            return $"is shown unencoded at {url}";
        }

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var texts = new[] { page.Body?.TextContent ?? "" }
            .Concat(page.QuerySelectorAll("input").OfType<IHtmlInputElement>().Select(i => i.Value))
            .Concat(page.QuerySelectorAll("textarea").OfType<IHtmlTextAreaElement>().Select(t => t.Value))
            .Select(Squash);
        return texts.Any(text => text.Contains(Squash(expected), StringComparison.Ordinal)) ? null : $"is not shown at {url ?? "the answer"}";
    }

    private static bool IsHtml(HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType == "text/html";

    /// <summary>White space as a reader sees it: any run of it is one space.</summary>
    private static string Squash(string text) => WhiteSpace().Replace(text, " ");

    public static string Printable(string value) =>
        string.Concat(value.Take(60).Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString()));

    /// <summary>Loads a page, points one of its forms at another action (e.g. a hostile route value), and submits it.</summary>
    public static async Task<HttpResponseMessage> SubmitToAsync(WebClient client, IHtmlDocument page, string formSelector, Func<string, string> action, Dictionary<string, string?> values)
    {
        var form = page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form matches '{formSelector}'.");
        form.SetAttribute("action", action(form.GetAttribute("action") ?? ""));
        return await client.SubmitAsync(page, formSelector, values);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
