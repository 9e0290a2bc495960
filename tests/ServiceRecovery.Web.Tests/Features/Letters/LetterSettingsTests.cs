using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Letters;

/// <summary>The settings section "Letters and emails to patients": the reply-to address and how to take a complaint further.</summary>
public sealed class LetterSettingsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private string Url => $"/settings?practice={fixture.World.Harbourside.Id}";

    private Task<string?> StoredReplyToAsync() =>
        fixture.App.WithDbAsync(db => db.Practices.Where(p => p.Id == fixture.World.Harbourside.Id).Select(p => p.LetterReplyTo).SingleAsync());

    [Fact]
    public async Task A_manager_saves_a_reply_to_address_and_the_page_shows_it()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);

        var saved = await manager.SubmitAsync(Url, "#letters-form", new() { ["Letters.ReplyTo"] = "reception@harbourside.example" });

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StoredReplyToAsync()).ShouldBe("reception@harbourside.example");
        var after = await manager.GetPageAsync(Url);
        after.QuerySelector("#letters-form [name='Letters.ReplyTo']")!.GetAttribute("value").ShouldBe("reception@harbourside.example");
    }

    [Fact]
    public async Task A_reply_to_that_is_not_an_email_address_is_refused_beside_the_field_and_keeps_the_input()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var before = await StoredReplyToAsync();

        var response = await manager.SubmitAsync(Url, "#letters-form", new() { ["Letters.ReplyTo"] = "reception at harbourside" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await WebClient.ParseAsync(response);
        result.QuerySelector("#letters-form [data-valmsg-for='Letters.ReplyTo']")!.TextContent.ShouldBe("Enter an email address such as reception@practice.example.");
        result.QuerySelector("#letters-form [name='Letters.ReplyTo']")!.GetAttribute("value").ShouldBe("reception at harbourside");
        (await StoredReplyToAsync()).ShouldBe(before);
    }
}
