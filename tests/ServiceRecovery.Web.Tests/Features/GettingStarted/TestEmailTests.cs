using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.GettingStarted;
using ServiceRecovery.Web.Tests.Features.Notifications;

namespace ServiceRecovery.Web.Tests.Features.GettingStarted;

/// <summary>"Send a test email" in Settings: queued through the outbox, sent by the real sender to a real SMTP server, and the checklist follows.</summary>
public sealed class TestEmailTests
{
    private static string Settings(EmailTestApp test) => $"/settings?practice={test.World.Harbourside.Id}";

    [Fact]
    public async Task A_test_email_is_queued_to_the_managers_own_address_sent_and_marks_the_checklist_item_done()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var test = await EmailTestApp.StartAsync(Now(), sink.Settings);
        using var manager = await WebClient.SignedInAsync(test.App, TestWorld.Manager);
        var settings = await manager.GetPageAsync(Settings(test));
        settings.QuerySelector("[data-testid=test-email-note]")!.TextContent.ShouldContain($"your own address, {TestWorld.Manager}, through the outbox");

        var response = await manager.SubmitAsync(settings, "#test-email-form", []);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var queued = await manager.GetPageAsync(Settings(test));
        queued.QuerySelector("[data-testid=test-email-status]")!.TextContent.ShouldContain("Queued");
        Item(await manager.GetPageAsync("/"), test).ShouldBe((false, "Queued"));
        var stored = (await test.OutboxAsync()).ShouldHaveSingleItem();
        stored.Kind.ShouldBe(EmailKind.TestEmail);
        stored.RecipientAddress.ShouldBe(TestWorld.Manager);

        (await test.SendAsync()).Sent.ShouldBe(1);

        var received = sink.Messages().ShouldHaveSingleItem();
        received.To.ToString().ShouldBe(TestWorld.Manager);
        received.Subject.ShouldBe("Test email from ServiceRecovery for Harbourside Dental");
        (received.TextBody ?? "").ShouldContain($"http://localhost:5080/settings?practice={test.World.Harbourside.Id}");
        Item(await manager.GetPageAsync("/"), test).ShouldBe((true, "Done"));
        (await manager.GetPageAsync(Settings(test))).QuerySelector("[data-testid=test-email-status]")!.TextContent.ShouldContain("Sent");
    }

    [Fact]
    public async Task A_second_test_email_within_a_minute_is_refused_with_a_message_and_allowed_after_it()
    {
        await using var test = await EmailTestApp.StartAsync(Now());
        using var manager = await WebClient.SignedInAsync(test.App, TestWorld.Manager);
        (await manager.SubmitAsync(Settings(test), "#test-email-form", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        test.Clock.Advance(TimeSpan.FromSeconds(59));

        var again = await manager.SubmitAsync(Settings(test), "#test-email-form", []);

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await WebClient.ParseAsync(again);
        page.QuerySelector("#error-summary")!.TextContent.ShouldContain(SendTestEmail.TooSoon);
        page.QuerySelector("[data-testid=test-email-error]")!.TextContent.ShouldBe(SendTestEmail.TooSoon);
        (await test.OutboxAsync()).Count.ShouldBe(1);

        test.Clock.Advance(TimeSpan.FromSeconds(2));
        (await manager.SubmitAsync(Settings(test), "#test-email-form", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await test.OutboxAsync()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_test_email_the_server_keeps_refusing_shows_failed_see_outbox()
    {
        await using var sink = await SmtpSink.StartAsync(failFirst: OutboxMessage.MaxAttempts);
        await using var test = await EmailTestApp.StartAsync(Now(), sink.Settings);
        using var manager = await WebClient.SignedInAsync(test.App, TestWorld.Manager);
        (await manager.SubmitAsync(Settings(test), "#test-email-form", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        for (var attempt = 1; attempt <= OutboxMessage.MaxAttempts; attempt++)
        {
            await test.SendAsync();
            test.Clock.Advance(TimeSpan.FromHours(1));
        }

        (await test.OutboxAsync()).Single().Status.ShouldBe(OutboxStatus.Failed);
        Item(await manager.GetPageAsync("/"), test).ShouldBe((false, "Failed: see Outbox"));
    }

    [Fact]
    public async Task Front_desk_cannot_send_a_test_email()
    {
        await using var test = await EmailTestApp.StartAsync(Now());
        using var manager = await WebClient.SignedInAsync(test.App, TestWorld.Manager);
        using var frontDesk = await WebClient.SignedInAsync(test.App, TestWorld.FrontDesk);
        var page = await manager.GetPageAsync(Settings(test));
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#test-email-form")!;
        var token = (await frontDesk.GetPageAsync("/")).QuerySelector("input[name=__RequestVerificationToken]") as AngleSharp.Html.Dom.IHtmlInputElement;

        var post = await frontDesk.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token?.Value ?? "" }));

        post.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await test.WithDbAsync(db => db.Outbox.CountAsync())).ShouldBe(0);
    }

    private static (bool Done, string State) Item(AngleSharp.Html.Dom.IHtmlDocument home, EmailTestApp test) =>
        new NewPractice(test.World.Harbourside.Id, test.World.Harbourside.Name, TestWorld.Manager).ItemsOn(home)[nameof(ChecklistItem.SendTestEmail)];

    private static DateTimeOffset Now()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
    }
}
