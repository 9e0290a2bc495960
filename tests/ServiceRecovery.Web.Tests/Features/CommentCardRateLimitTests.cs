using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Testing;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>
/// Nobody floods a practice's queue through its comment card: sending is limited per client address, each address
/// with its own budget. Each card is sent from a freshly shown card, as one rendered card is good for one card.
/// </summary>
public sealed class CommentCardRateLimitTests : IAsyncLifetime
{
    private const string CardUrl = "/feedback/harbourside";

    private readonly AppFactory _app = new(extraSettings: new Dictionary<string, string>
    {
        ["RateLimits:CommentCardPostsPerHour"] = "2",
    });

    public ValueTask InitializeAsync() => new(_app.StartAsync());

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_third_card_from_one_address_within_the_hour_is_refused_with_429_and_stores_nothing()
    {
        using var patient = TestClientAddress.ClientFrom(_app, "203.0.113.50");
        var statuses = new List<HttpStatusCode>();
        for (var card = 1; card <= 3; card++)
        {
            statuses.Add((await patient.SubmitAsync(CardUrl, "#comment-card-form", CommentCardTests.Answers($"Rate limit card {card}"))).StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests]);
        (await _app.WithDbAsync(db => db.Defects.CountAsync(d => d.Description.StartsWith("Rate limit card")))).ShouldBe(2);

        var refused = await patient.SubmitAsync(CardUrl, "#comment-card-form", CommentCardTests.Answers("Rate limit card 4"));
        var body = await WebClient.ParseAsync(refused);
        body.QuerySelector("h1")!.TextContent.ShouldBe("Too many requests");
        body.QuerySelectorAll("a").ShouldBeEmpty("the card's error page leads nowhere");
        (await patient.Http.GetAsync(CardUrl)).StatusCode.ShouldBe(HttpStatusCode.OK, "reading the card is limited apart from sending it");
    }

    [Fact]
    public async Task Another_address_still_sends_its_cards_when_one_address_has_used_its_budget()
    {
        using var flooder = TestClientAddress.ClientFrom(_app, "203.0.113.60");
        using var patient = TestClientAddress.ClientFrom(_app, "203.0.113.61");
        for (var card = 1; card <= 3; card++)
        {
            await flooder.SubmitAsync(CardUrl, "#comment-card-form", CommentCardTests.Answers($"Flood card {card}"));
        }

        var response = await patient.SubmitAsync(CardUrl, "#comment-card-form", CommentCardTests.Answers("A patient's own card"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await _app.WithDbAsync(db => db.Defects.CountAsync(d => d.Description == "A patient's own card"))).ShouldBe(1);
        (await _app.WithDbAsync(db => db.Defects.CountAsync(d => d.Description.StartsWith("Flood card")))).ShouldBe(2);
    }
}
