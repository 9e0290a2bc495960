using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Letters;

/// <summary>Archiving a template: a custom one leaves the list and stays stored; a shipped kind is always there.</summary>
public sealed class LetterTemplateArchiveTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private string ListUrl => $"/settings/letters?practice={fixture.World.Harbourside.Id}";

    /// <summary>The Name column as a desktop shows it: without the cell's label, which only a phone's card displays.</summary>
    private static async Task<IReadOnlyList<string>> ListedNamesAsync(WebClient manager, string listUrl) =>
        [.. (await manager.GetPageAsync(listUrl)).QuerySelectorAll("[data-testid=templates] tbody tr td:nth-child(2)")
            .Select(c => string.Concat(c.ChildNodes.Where(n => n is not AngleSharp.Dom.IElement { ClassName: "cell-label" }).Select(n => n.TextContent)).Trim())];

    [Fact]
    public async Task An_archived_custom_template_is_no_longer_listed_and_stays_stored_with_its_versions()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var blank = await manager.GetPageAsync($"/settings/letters/edit?practice={fixture.World.Harbourside.Id}");
        var fields = WebClient.FieldsOf((IHtmlFormElement)blank.QuerySelector("#template-form")!);
        fields["Template.Name"] = "Parking refund";
        fields["Template.Subject"] = "Your parking, {{ case.reference }}";
        fields["Template.Body"] = "Dear {{ patient.first_name }}, we have refunded your parking.";

        // As a browser sends it: to the Save button's address.
        var added = await manager.Http.PostAsync(blank.QuerySelector("#template-form button[formaction*='handler=Save']")!.GetAttribute("formaction"), new FormUrlEncodedContent(fields));
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await fixture.App.WithDbAsync(db => db.LetterTemplates.Where(t => t.Name == "Parking refund").Select(t => t.Id).SingleAsync());
        (await ListedNamesAsync(manager, ListUrl)).ShouldContain("Parking refund");
        var editor = await manager.GetPageAsync($"/settings/letters/edit/{id}");
        var archiveAction = editor.QuerySelector("#template-form button[formaction*='handler=Archive']")!.GetAttribute("formaction")!;

        var archived = await manager.Http.PostAsync(archiveAction, new FormUrlEncodedContent(WebClient.FieldsOf((IHtmlFormElement)editor.QuerySelector("#template-form")!)));

        archived.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ListedNamesAsync(manager, ListUrl)).ShouldNotContain("Parking refund");
        var stored = await fixture.App.WithDbAsync(db => db.LetterTemplates.Include(t => t.Versions).Where(t => t.Id == id).SingleAsync());
        stored.ArchivedAt.ShouldNotBeNull();
        stored.ArchivedByName.ShouldNotBeNullOrEmpty();
        stored.Versions.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_shipped_template_cannot_be_archived_and_says_to_edit_it_instead()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        (await manager.Http.GetAsync(ListUrl)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var harbourside = fixture.World.Harbourside.Id;
        var id = await fixture.App.WithDbAsync(db => db.LetterTemplates.Where(t => t.PracticeId == harbourside && t.Kind == LetterKind.Apology).Select(t => t.Id).SingleAsync());
        var editor = await manager.GetPageAsync($"/settings/letters/edit/{id}");
        editor.QuerySelector("#template-form button[formaction*='handler=Archive']").ShouldBeNull();

        // The button is not offered; a post made by hand is refused all the same.
        var response = await manager.Http.PostAsync(
            $"/settings/letters/edit/{id}?handler=Archive",
            new FormUrlEncodedContent(WebClient.FieldsOf((IHtmlFormElement)editor.QuerySelector("#template-form")!)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebClient.ParseAsync(response)).QuerySelector("#error-summary")!.TextContent
            .ShouldContain("Only a template the practice added can be archived; edit this one instead.");
        (await fixture.App.WithDbAsync(db => db.LetterTemplates.Where(t => t.Id == id).Select(t => t.ArchivedAt).SingleAsync())).ShouldBeNull();
        (await ListedNamesAsync(manager, ListUrl)).ShouldContain("We are sorry");
    }
}
