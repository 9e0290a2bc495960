using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Testing;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>Nobody floods a practice's queue through its comment card: sending is limited per client address.</summary>
public sealed class CommentCardRateLimitTests : IAsyncLifetime
{
    private readonly AppFactory _app = new(extraSettings: new Dictionary<string, string>
    {
        ["RateLimits:CommentCardPostsPerHour"] = "2",
    });

    public ValueTask InitializeAsync() => new(_app.StartAsync());

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private WebClient Patient() => new(_app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    [Fact]
    public async Task The_third_card_from_one_address_within_the_hour_is_refused_with_429_and_stores_nothing()
    {
        using var patient = Patient();
        var page = await patient.GetPageAsync("/feedback/harbourside");
        var statuses = new List<HttpStatusCode>();
        for (var card = 1; card <= 3; card++)
        {
            var answers = CommentCardTests.Answers($"Rate limit card {card}");
            answers["Input.IdempotencyKey"] = Guid.NewGuid().ToString();
            statuses.Add((await patient.SubmitAsync(page, "#comment-card-form", answers)).StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests]);
        (await _app.WithDbAsync(db => db.Defects.CountAsync(d => d.Description.StartsWith("Rate limit card")))).ShouldBe(2);

        var refused = await patient.SubmitAsync(page, "#comment-card-form", CommentCardTests.Answers("Rate limit card 4"));
        var body = await WebClient.ParseAsync(refused);
        body.QuerySelector("h1")!.TextContent.ShouldBe("Too many requests");
        body.QuerySelectorAll("a").ShouldBeEmpty("the card's error page leads nowhere");
        (await patient.Http.GetAsync("/feedback/harbourside")).StatusCode.ShouldBe(HttpStatusCode.OK, "reading the card is limited apart from sending it");
    }
}
