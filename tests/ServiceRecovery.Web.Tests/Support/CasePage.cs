using System.Net;
using AngleSharp.Html.Dom;

namespace ServiceRecovery.Web.Tests.Support;

/// <summary>A case page as a user works it: load, fill one form, submit, look at the result.</summary>
public sealed class CasePage(WebClient client, string url)
{
    public string Url { get; } = url;

    public Guid CaseId => Defects.CaseIdOf(Url);

    public Task<IHtmlDocument> LoadAsync() => client.GetPageAsync(Url);

    /// <summary>Submits a form of the freshly loaded page and expects success (a redirect back to the case).</summary>
    public async Task SubmitAsync(string formSelector, Dictionary<string, string?> values)
    {
        var response = await TrySubmitAsync(formSelector, values);
        var page = response.StatusCode == HttpStatusCode.OK ? await WebClient.ParseAsync(response) : null;
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, page?.QuerySelector("#error-summary")?.TextContent);
    }

    public async Task<HttpResponseMessage> TrySubmitAsync(string formSelector, Dictionary<string, string?> values) =>
        await client.SubmitAsync(await LoadAsync(), formSelector, values);

    /// <summary>Submits and expects the page back with messages; returns it.</summary>
    public async Task<IHtmlDocument> SubmitExpectingMessagesAsync(string formSelector, Dictionary<string, string?> values)
    {
        var response = await TrySubmitAsync(formSelector, values);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await WebClient.ParseAsync(response);
    }

    public async Task<string?> StateOfAsync(string step) =>
        (await LoadAsync()).QuerySelector($"[data-testid=steps] [data-step={step}]")?.GetAttribute("data-state");

    public static async Task<CasePage> OpenAsync(WebClient client, string patientName = "Olivia Nguyen") =>
        new(client, await Defects.LogAsync(client, patientName));
}
