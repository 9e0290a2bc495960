using System.Net;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Settings;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>Managers print the comment card with its QR code, for their own practices only.</summary>
public sealed class CommentCardPrintTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task A_manager_finds_the_card_in_settings_and_it_shows_the_practice_a_line_of_text_and_the_address()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var settings = await manager.GetPageAsync("/settings");
        var link = settings.QuerySelector("#comment-card-link")!.GetAttribute("href")!;

        var response = await manager.Http.GetAsync(link);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await WebClient.ParseAsync(response);
        var card = page.QuerySelector("[data-testid=print-card]")!;
        card.QuerySelector(".print-card-practice")!.TextContent.ShouldBe("Harbourside Dental");
        card.QuerySelector(".print-card-title")!.TextContent.ShouldBe("How was your visit?");
        card.QuerySelector("[data-testid=card-address]")!.TextContent.ShouldBe("http://localhost/feedback/harbourside");
        card.QuerySelector("img")!.GetAttribute("src")!.ShouldContain("handler=Png");
        card.ClassList.ShouldContain("sheet-a5");
        page.QuerySelector("link[href^='/css/print-card.']").ShouldNotBeNull();
        page.QuerySelectorAll("[style]").ShouldBeEmpty();
        page.QuerySelectorAll("script:not([src])").ShouldBeEmpty();

        var a4 = await manager.GetPageAsync(link + "&size=A4");
        a4.QuerySelector("[data-testid=print-card]")!.ClassList.ShouldContain("sheet-a4");
    }

    [Fact]
    public async Task The_print_styles_are_a_static_file_with_a5_and_a4_pages()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);

        var css = await manager.Http.GetStringAsync("/css/print-card.css");

        css.ShouldContain("@media print");
        css.ShouldContain("size: A5 portrait");
        css.ShouldContain("size: A4 portrait");
    }

    [Fact]
    public async Task The_qr_code_is_a_png_of_the_cards_address()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await manager.GetPageAsync($"/settings/comment-card?practice={fixture.World.Harbourside.Id}");
        var address = page.QuerySelector("[data-testid=card-address]")!.TextContent;

        var response = await manager.Http.GetAsync(page.QuerySelector("[data-testid=qr-png-link]")!.GetAttribute("href"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("comment-card-harbourside.png");
        var png = await response.Content.ReadAsByteArrayAsync();
        png.Take(8).ShouldBe(PngSignature);
        // QR generation is deterministic: the same bytes mean the same payload, the card's address.
        png.ShouldBe(CommentCardPrint.QrPng("http://localhost/feedback/harbourside"));
        address.ShouldBe("http://localhost/feedback/harbourside");
        png.ShouldNotBe(CommentCardPrint.QrPng("http://localhost/feedback/other-street"));
    }

    [Fact]
    public async Task Front_desk_cannot_print_the_card_and_a_manager_cannot_print_another_practices()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        (await frontDesk.Http.GetAsync("/settings/comment-card")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await frontDesk.Http.GetAsync("/settings/comment-card?handler=Png")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var other = fixture.World.Other.Id;
        (await manager.Http.GetAsync($"/settings/comment-card?practice={other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await manager.Http.GetAsync($"/settings/comment-card?handler=Png&practice={other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var administrator = await fixture.SignInAsync(TestWorld.Administrator);
        var page = await administrator.GetPageAsync($"/settings/comment-card?practice={other}");
        page.QuerySelector("[data-testid=card-address]")!.TextContent.ShouldBe("http://localhost/feedback/other-street");
    }
}

/// <summary>With a public base address configured, the QR code points there, whatever host the manager used.</summary>
public sealed class CommentCardPublicBaseUrlTests : IAsyncLifetime
{
    private readonly AppFactory _app = new(extraSettings: new Dictionary<string, string> { ["App:PublicBaseUrl"] = "https://care.example.test/dental/" });

    public ValueTask InitializeAsync() => new(_app.StartAsync());

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_card_address_starts_with_the_configured_public_base_address()
    {
        using var manager = await WebClient.SignedInAsync(_app, TestWorld.Manager);

        var page = await manager.GetPageAsync("/settings/comment-card");
        var png = await manager.Http.GetByteArrayAsync("/settings/comment-card?handler=Png");

        page.QuerySelector("[data-testid=card-address]")!.TextContent.ShouldBe("https://care.example.test/dental/feedback/harbourside");
        png.ShouldBe(CommentCardPrint.QrPng("https://care.example.test/dental/feedback/harbourside"));
    }
}
