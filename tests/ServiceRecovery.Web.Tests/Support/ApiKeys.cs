using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using ServiceRecovery.Testing;

namespace ServiceRecovery.Web.Tests.Support;

/// <summary>Creates API keys the way a manager does, on the API keys page, and calls the API with them.</summary>
public static class ApiKeys
{
    public const string Page = "/settings/api-keys";

    /// <summary>Posts the create form with the name and scopes; the response is the page, carrying the new key once.</summary>
    public static async Task<HttpResponseMessage> PostCreateAsync(WebClient manager, Guid practiceId, string name, params string[] scopes)
    {
        var page = await manager.GetPageAsync($"{Page}?practice={practiceId}");
        var form = (IHtmlFormElement)page.QuerySelector("#create-key-form")!;
        var fields = WebClient.FieldsOf(form).Where(f => f.Key != "Input.Scopes" && f.Key != "Input.Name").ToList();
        fields.Add(new("Input.Name", name));
        fields.AddRange(scopes.Select(s => new KeyValuePair<string, string>("Input.Scopes", s)));
        return await manager.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
    }

    /// <summary>A new key of the practice, as shown once on the page.</summary>
    public static async Task<string> CreateAsync(WebClient manager, Guid practiceId, string name, params string[] scopes)
    {
        var response = await PostCreateAsync(manager, practiceId, name, scopes);
        var page = await WebClient.ParseAsync(response);
        var shown = page.QuerySelector("[data-testid=new-key] input") as IHtmlInputElement
            ?? throw new InvalidOperationException("The page showed no new key: " + page.QuerySelector(".validation-summary-errors, [data-testid=error-summary]")?.TextContent);
        return shown.Value;
    }

    public static HttpRequestMessage Put(string path, string? key, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }

    public static HttpRequestMessage Post(string path, string? key, string json)
    {
        var request = Put(path, key, json);
        request.Method = HttpMethod.Post;
        return request;
    }

    public static bool IsProblem(HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType == "application/problem+json";

    public static MediaTypeHeaderValue? TypeOf(HttpResponseMessage response) => response.Content.Headers.ContentType;
}
