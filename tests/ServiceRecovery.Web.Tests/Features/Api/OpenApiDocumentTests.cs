using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Api;

/// <summary>The API describes itself: an OpenAPI document with every endpoint and the key header, and a reference page.</summary>
public sealed class OpenApiDocumentTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_document_lists_every_api_endpoint_and_the_key_header()
    {
        using var anonymous = fixture.Anonymous();
        var response = await anonymous.Http.GetAsync("/api/v1/openapi.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var described = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .ToHashSet();
        var mapped = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true && !e.RoutePattern.RawText.StartsWith("/api/v1/docs", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToList();
        mapped.ShouldNotBeEmpty();
        mapped.ShouldContain("PUT /api/v1/patients/{pmsId}");
        mapped.ShouldContain("POST /api/v1/defects");
        mapped.ShouldContain("GET /api/v1/stages");
        mapped.ShouldContain("GET /api/v1/cases/{reference}");
        mapped.ShouldContain("POST /api/v1/appointments");
        foreach (var endpoint in mapped)
        {
            described.ShouldContain(endpoint);
        }

        var paths = document.RootElement.GetProperty("paths");
        var postDefect = paths.GetProperty("/api/v1/defects").GetProperty("post");
        postDefect.GetProperty("summary").GetString().ShouldNotBeNullOrEmpty();
        postDefect.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _).ShouldBeTrue();
        postDefect.GetProperty("responses").EnumerateObject().Select(r => r.Name).ShouldBe(["200", "201", "400", "401", "403", "413", "422", "429"], ignoreOrder: true);
        var readCase = paths.GetProperty("/api/v1/cases/{reference}").GetProperty("get");
        readCase.GetProperty("summary").GetString().ShouldNotBeNullOrEmpty();
        readCase.GetProperty("responses").EnumerateObject().Select(r => r.Name).ShouldBe(["200", "400", "401", "403", "404", "429"], ignoreOrder: true);
        readCase.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/json", out _).ShouldBeTrue();
        paths.GetProperty("/api/v1/stages").GetProperty("get").GetProperty("responses").TryGetProperty("200", out _).ShouldBeTrue();
        var appointments = document.RootElement.GetProperty("paths").GetProperty("/api/v1/appointments").GetProperty("post");
        appointments.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
        appointments.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").ValueKind.ShouldBe(JsonValueKind.Object);
        var answers = appointments.GetProperty("responses");
        foreach (var status in new[] { "200", "400", "401", "403", "409", "413", "422", "429" })
        {
            answers.TryGetProperty(status, out _).ShouldBeTrue($"POST /api/v1/appointments describes {status}");
        }

        answers.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").ValueKind.ShouldBe(JsonValueKind.Object);

        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        scheme.GetProperty("in").GetString().ShouldBe("header");
        scheme.GetProperty("name").GetString().ShouldBe("X-Api-Key");
    }

    [Fact]
    public async Task The_reference_page_is_served_with_its_own_narrow_policy_and_no_other_page_gets_it()
    {
        using var anonymous = fixture.Anonymous();
        var redirect = await anonymous.Http.GetAsync("/api/v1/docs");
        redirect.StatusCode.ShouldBe(HttpStatusCode.Found);
        new Uri(new Uri("http://localhost/api/v1/docs"), redirect.Headers.Location!).AbsolutePath.ShouldBe("/api/v1/docs/");
        var docs = await anonymous.Http.GetAsync("/api/v1/docs/");
        var signIn = await anonymous.Http.GetAsync("/Account/SignIn");

        docs.StatusCode.ShouldBe(HttpStatusCode.OK, await docs.Content.ReadAsStringAsync());
        var policy = string.Join(";", docs.Headers.GetValues("Content-Security-Policy"));
        policy.ShouldContain("script-src 'self' 'unsafe-inline'");
        policy.ShouldContain("frame-ancestors 'none'");
        policy.ShouldNotContain("http");
        (await docs.Content.ReadAsStringAsync()).ShouldContain("openapi.json");
        string.Join(";", signIn.Headers.GetValues("Content-Security-Policy")).ShouldNotContain("unsafe-inline");
    }
}
