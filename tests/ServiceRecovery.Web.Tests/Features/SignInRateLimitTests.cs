using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>
/// Password guessing is slowed: sign-in attempts are limited per client address, each address with its own budget
/// (an IPv6 client by its /64), and a made-up <c>X-Forwarded-For</c> buys no fresh one. Each client here comes from
/// its own address (<see cref="TestClientAddress"/>); none is a configured proxy.
/// </summary>
public sealed class SignInRateLimitTests : IAsyncLifetime
{
    private const string Nobody = "nobody@harbourside.test";

    private readonly AppFactory _app = new(extraSettings: new Dictionary<string, string> { ["RateLimits:SignInsPerMinute"] = "3", ["RateLimits:PublicPerMinute"] = "2" });

    public ValueTask InitializeAsync() => new(_app.StartAsync());

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static async Task<List<HttpStatusCode>> SignInAttemptsAsync(WebClient client, int attempts, Func<int, string?>? forwardedFor = null)
    {
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var page = await client.GetPageAsync("/Account/SignIn");
            var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form")!;
            var fields = WebClient.FieldsOf(form);
            fields["Input.Email"] = Nobody;
            fields["Input.Password"] = "wrong-password-123";
            using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/SignIn") { Content = new FormUrlEncodedContent(fields) };
            if (forwardedFor?.Invoke(attempt) is { } forwarded)
            {
                post.Headers.Add("X-Forwarded-For", forwarded);
            }

            statuses.Add((await client.Http.SendAsync(post)).StatusCode);
        }

        return statuses;
    }

    [Fact]
    public async Task The_fourth_sign_in_attempt_in_a_minute_from_one_address_is_refused_with_429_and_another_address_has_its_own_budget()
    {
        using var guesser = TestClientAddress.ClientFrom(_app, "198.51.100.10");
        using var colleague = TestClientAddress.ClientFrom(_app, "198.51.100.11");

        (await SignInAttemptsAsync(guesser, 4)).ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);

        (await SignInAttemptsAsync(colleague, 1)).ShouldBe([HttpStatusCode.OK], "another address has a budget of its own");
        (await guesser.Http.GetAsync("/Account/SignIn")).StatusCode.ShouldBe(HttpStatusCode.OK, "reading the page is not limited");
    }

    [Fact]
    public async Task Guessing_setup_tokens_is_limited_per_address_as_sign_in_is()
    {
        using var guesser = TestClientAddress.ClientFrom(_app, "198.51.100.20");
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var post = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Token"] = $"guess-{attempt}" });
            statuses.Add((await guesser.Http.PostAsync($"/setup?token=guess-{attempt}", post)).StatusCode);
        }

        statuses.Take(3).ShouldAllBe(s => s != HttpStatusCode.TooManyRequests && (int)s < 500);
        statuses[3].ShouldBe(HttpStatusCode.TooManyRequests, "a fourth guess within the minute is refused before the page looks at it");
    }

    [Fact]
    public async Task Two_ipv6_addresses_in_one_64_share_one_budget_and_the_next_64_has_its_own()
    {
        using var first = TestClientAddress.ClientFrom(_app, "2001:db8:5:6::1");
        using var sameNetwork = TestClientAddress.ClientFrom(_app, "2001:db8:5:6:ffff::beef");
        using var nextNetwork = TestClientAddress.ClientFrom(_app, "2001:db8:5:7::1");

        (await SignInAttemptsAsync(first, 3)).ShouldAllBe(status => status == HttpStatusCode.OK);

        (await SignInAttemptsAsync(sameNetwork, 1)).ShouldBe([HttpStatusCode.TooManyRequests], "a new address in the same /64 is the same sender");
        (await SignInAttemptsAsync(nextNetwork, 1)).ShouldBe([HttpStatusCode.OK]);
    }

    [Fact]
    public async Task A_made_up_forwarded_for_gets_no_fresh_budget_and_the_audit_trail_records_the_real_sender()
    {
        using var guesser = TestClientAddress.ClientFrom(_app, "198.51.100.20");

        var statuses = await SignInAttemptsAsync(guesser, 4, attempt => $"192.0.2.{attempt + 1}");

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        var recorded = await _app.WithDbAsync(db => db.Audit.Where(e => e.Kind == AuditKind.SignInFailed).Select(e => e.ClientAddress).ToListAsync());
        recorded.ShouldBe(["198.51.100.20", "198.51.100.20", "198.51.100.20"]);
    }

    [Fact]
    public async Task The_public_display_link_is_limited_per_client_address()
    {
        using var tv = TestClientAddress.ClientFrom(_app, "198.51.100.30");
        using var otherTv = TestClientAddress.ClientFrom(_app, "198.51.100.31");
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            statuses.Add((await tv.Http.GetAsync("/huddle/display/guessing-a-token")).StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests]);
        (await otherTv.Http.GetAsync("/huddle/display/guessing-a-token")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another address has a budget of its own");
    }

    [Fact]
    public async Task Reading_the_public_comment_card_is_limited_per_client_address()
    {
        using var patient = TestClientAddress.ClientFrom(_app, "198.51.100.40");
        using var otherPatient = TestClientAddress.ClientFrom(_app, "198.51.100.41");
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            statuses.Add((await patient.Http.GetAsync("/feedback/guessing-a-practice")).StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests]);
        (await otherPatient.Http.GetAsync("/feedback/guessing-a-practice")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another address has a budget of its own");
    }
}
