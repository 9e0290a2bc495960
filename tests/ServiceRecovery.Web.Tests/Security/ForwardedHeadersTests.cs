using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Tests.Security;

/// <summary>
/// <c>X-Forwarded-For</c> is believed from a configured proxy only (<c>ForwardedHeaders:KnownProxies</c>): from it, the
/// client it names gets its own budget and is what the audit trail records; from anyone else the header changes
/// nothing. Requests come from the address a test sets (<see cref="TestClientAddress"/>), as over TCP.
/// </summary>
public sealed class ForwardedHeadersTests : IAsyncLifetime
{
    private const string Proxy = "10.0.0.1";

    private readonly AppFactory _app = new(extraSettings: new Dictionary<string, string>
    {
        [TrustedProxies.Setting] = $"{Proxy}, fd00:aa::/64",
        ["RateLimits:SignInsPerMinute"] = "2",
    });

    public ValueTask InitializeAsync() => new(_app.StartAsync());

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>A failed sign-in sent from <paramref name="from"/>, saying it is forwarded for <paramref name="forwardedFor"/>.</summary>
    private async Task<HttpStatusCode> SignInAsync(string from, string forwardedFor)
    {
        using var client = TestClientAddress.ClientFrom(_app, from);
        var page = await client.GetPageAsync("/Account/SignIn");
        var fields = WebClient.FieldsOf((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form")!);
        fields["Input.Email"] = "nobody@harbourside.test";
        fields["Input.Password"] = "wrong-password-123";
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/SignIn") { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await client.Http.SendAsync(post)).StatusCode;
    }

    private Task<List<string?>> RecordedAddressesAsync() =>
        _app.WithDbAsync(db => db.Audit.Where(e => e.Kind == AuditKind.SignInFailed).OrderBy(e => e.At).Select(e => e.ClientAddress).ToListAsync());

    [Fact]
    public async Task From_a_configured_proxy_each_forwarded_client_has_its_own_budget_and_is_what_the_audit_trail_records()
    {
        var first = new[] { await SignInAsync(Proxy, "203.0.113.1"), await SignInAsync(Proxy, "203.0.113.1"), await SignInAsync(Proxy, "203.0.113.1") };
        var second = await SignInAsync(Proxy, "203.0.113.2");

        first.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        second.ShouldBe(HttpStatusCode.OK, "another client behind the same proxy has a budget of its own");
        (await RecordedAddressesAsync()).ShouldBe(["203.0.113.1", "203.0.113.1", "203.0.113.2"]);
    }

    [Fact]
    public async Task A_proxy_in_a_configured_network_or_on_an_ipv4_mapped_connection_is_believed_too()
    {
        (await SignInAsync("fd00:aa::7", "203.0.113.3")).ShouldBe(HttpStatusCode.OK);
        (await SignInAsync($"::ffff:{Proxy}", "203.0.113.4")).ShouldBe(HttpStatusCode.OK);

        (await RecordedAddressesAsync()).ShouldBe(["203.0.113.3", "203.0.113.4"]);
    }

    [Fact]
    public async Task From_an_address_that_is_not_a_configured_proxy_a_forwarded_for_gets_no_fresh_budget_and_is_not_recorded()
    {
        var statuses = new[] { await SignInAsync("10.0.0.2", "203.0.113.5"), await SignInAsync("10.0.0.2", "203.0.113.6"), await SignInAsync("10.0.0.2", "203.0.113.7") };

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        (await RecordedAddressesAsync()).ShouldBe(["10.0.0.2", "10.0.0.2"]);
    }

    [Fact]
    public async Task Loopback_is_not_a_proxy_unless_listed_and_a_connection_without_an_address_is_never_one()
    {
        (await SignInAsync("127.0.0.1", "203.0.113.10")).ShouldBe(HttpStatusCode.OK);
        (await SignInAsync("::1", "203.0.113.11")).ShouldBe(HttpStatusCode.OK);
        using var noAddress = new WebClient(_app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var page = await noAddress.GetPageAsync("/Account/SignIn");
        var fields = WebClient.FieldsOf((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form")!);
        fields["Input.Email"] = "nobody@harbourside.test";
        fields["Input.Password"] = "wrong-password-123";
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/SignIn") { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("X-Forwarded-For", "203.0.113.12");
        (await noAddress.Http.SendAsync(post)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await RecordedAddressesAsync()).ShouldBe(["127.0.0.1", "::1", null]);
    }

    [Fact]
    public async Task Only_the_entry_the_proxy_added_is_believed_not_one_the_client_sent_ahead_of_it()
    {
        (await SignInAsync(Proxy, "192.0.2.66, 203.0.113.8")).ShouldBe(HttpStatusCode.OK);

        (await RecordedAddressesAsync()).ShouldBe(["203.0.113.8"]);
    }

    [Theory]
    [InlineData("proxy.internal", "'proxy.internal' is neither an IP address")]
    [InlineData("10.0.0.0/8, 10.0.0.1/24", "'10.0.0.1/24' has bits set after its prefix")]
    public async Task A_malformed_setting_stops_the_start_with_a_message_that_names_it(string setting, string message)
    {
        await using var app = new AppFactory(extraSettings: new Dictionary<string, string> { [TrustedProxies.Setting] = setting });

        var refusal = await Should.ThrowAsync<Exception>(app.StartAsync);

        Messages(refusal).ShouldContain(m => m.Contains(TrustedProxies.Setting, StringComparison.Ordinal) && m.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_frameworks_switch_that_believes_every_sender_stops_the_start()
    {
        await using var app = new AppFactory(extraSettings: new Dictionary<string, string> { [TrustedProxies.FrameworkSwitch] = "true" });

        var refusal = await Should.ThrowAsync<Exception>(app.StartAsync);

        Messages(refusal).ShouldContain(m => m.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED", StringComparison.Ordinal) && m.Contains(TrustedProxies.Setting, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Messages(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return exception.Message;
        }
    }
}
