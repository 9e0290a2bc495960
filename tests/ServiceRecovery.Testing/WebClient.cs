using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace ServiceRecovery.Testing;

/// <summary>
/// An HTTP client that behaves like a browser without JavaScript: keeps cookies, reads forms from the
/// page (including the antiforgery token) and submits them with the fields a user would change.
/// </summary>
public sealed class WebClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    /// <summary>Where each parsed page came from, so a form without an action posts back to it, as a browser does.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IHtmlDocument, string> Addresses = [];

    public HttpClient Http { get; } = http;

    public static async Task<WebClient> SignedInAsync(AppFactory app, string email, string password = TestWorld.Password)
    {
        var client = new WebClient(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
        }));
        var response = await client.SubmitAsync("/Account/SignIn", "form", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed with {(int)response.StatusCode}.");
        }

        return client;
    }

    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var document = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        if (response.RequestMessage?.RequestUri is { } uri)
        {
            Addresses.AddOrUpdate(document, uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString);
        }

        return document;
    }

    /// <summary>Loads <paramref name="url"/>, fills the form matched by <paramref name="formSelector"/> and submits it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, string formSelector, Dictionary<string, string?> values)
    {
        var page = await GetPageAsync(url);
        return await SubmitAsync(page, formSelector, values);
    }

    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string formSelector, Dictionary<string, string?> values)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form matches '{formSelector}'.");
        var fields = FieldsOf(form);
        foreach (var (name, value) in values)
        {
            if (value is null)
            {
                fields.Remove(name);
            }
            else
            {
                fields[name] = value;
            }
        }

        var action = form.GetAttribute("action") is { Length: > 0 } explicitAction
            ? explicitAction
            : Addresses.TryGetValue(page, out var address) ? address : throw new InvalidOperationException("The page's address is unknown; load it with GetPageAsync.");
        var target = Uri.TryCreate(action, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? absolute.PathAndQuery
            : action;
        return await Http.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    /// <summary>The values the form would send as it stands.</summary>
    public static Dictionary<string, string> FieldsOf(IHtmlFormElement form)
    {
        var fields = new Dictionary<string, string>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is not ("checkbox" or "radio") || input.IsChecked:
                    fields[name] = input.Value;
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } textArea:
                    fields[name] = textArea.Value;
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    fields[name] = select.Value ?? "";
                    break;
            }
        }

        return fields;
    }

    public void Dispose() => Http.Dispose();
}
