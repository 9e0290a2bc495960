using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Letters;

public sealed class LetterTemplateEditorTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private string ListUrl => $"/settings/letters?practice={fixture.World.Harbourside.Id}";

    private async Task<Guid> TemplateIdAsync(WebClient manager, LetterKind kind)
    {
        (await manager.Http.GetAsync(ListUrl)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var harbourside = fixture.World.Harbourside.Id;
        return await fixture.App.WithDbAsync(db => db.LetterTemplates.Where(t => t.PracticeId == harbourside && t.Kind == kind).Select(t => t.Id).SingleAsync());
    }

    [Fact]
    public async Task The_first_visit_lists_the_shipped_templates_at_version_1()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);

        var page = await manager.GetPageAsync(ListUrl);

        var rows = page.QuerySelectorAll("[data-testid=templates] tbody tr").Select(r => r.TextContent).ToList();
        rows.Count.ShouldBeGreaterThanOrEqualTo(5);
        rows.ShouldContain(r => r.Contains("Outcome") && r.Contains("The outcome of your concern"));
    }

    [Fact]
    public async Task Editing_a_template_makes_version_2_and_version_1s_text_is_unchanged()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var id = await TemplateIdAsync(manager, LetterKind.FollowUp);
        var page = await manager.GetPageAsync($"/settings/letters/edit/{id}");
        var before = await fixture.App.WithDbAsync(db => db.LetterTemplates.Where(t => t.Id == id).Select(t => new { t.CurrentVersion, t.Body }).SingleAsync());

        var saved = await manager.SubmitAsync(page, "#template-form", new() { ["Template.Body"] = "Dear {{ patient.first_name }}, how are you now?" });

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var versions = await fixture.App.WithDbAsync(db => db.Set<LetterTemplateVersion>().Where(v => v.TemplateId == id).OrderBy(v => v.Number).ToListAsync());
        versions[^1].Number.ShouldBe(before.CurrentVersion + 1);
        versions[^1].Body.ShouldBe("Dear {{ patient.first_name }}, how are you now?");
        versions[^2].Body.ShouldBe(before.Body);
        var after = await manager.GetPageAsync($"/settings/letters/edit/{id}");
        after.QuerySelector($"[data-testid=version-{before.CurrentVersion}]")!.TextContent.ShouldContain(before.Body.Split('\n')[0]);
    }

    [Fact]
    public async Task A_template_with_an_unknown_field_is_refused_at_save_naming_it_and_nothing_is_stored()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var id = await TemplateIdAsync(manager, LetterKind.Apology);
        var page = await manager.GetPageAsync($"/settings/letters/edit/{id}");
        const string typed = "Dear {{ patient.frist_name }}, sorry.";

        var response = await manager.SubmitAsync(page, "#template-form", new() { ["Template.Body"] = typed });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await WebClient.ParseAsync(response);
        result.QuerySelector("[data-testid=body-error]")!.TextContent.ShouldBe("patient.frist_name is not a merge field; did you mean patient.first_name?");
        result.QuerySelector("textarea[name='Template.Body']")!.TextContent.Trim().ShouldBe(typed);
        (await fixture.App.WithDbAsync(db => db.Set<LetterTemplateVersion>().AnyAsync(v => v.TemplateId == id && v.Body.Contains("frist")))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_100_kb_body_is_refused_with_a_message_naming_the_body()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var id = await TemplateIdAsync(manager, LetterKind.WelcomeBack);
        var page = await manager.GetPageAsync($"/settings/letters/edit/{id}");

        var response = await manager.SubmitAsync(page, "#template-form", new() { ["Template.Body"] = new string('a', 100_000) });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebClient.ParseAsync(response)).QuerySelector("[data-testid=body-error]")!.TextContent.ShouldBe("The body is 100,000 characters; keep it to 20,000.");
    }

    [Fact]
    public async Task A_save_after_someone_else_saved_says_so_and_keeps_the_text()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        using var administrator = await fixture.SignInAsync(TestWorld.Administrator);
        var id = await TemplateIdAsync(manager, LetterKind.FixDone);
        var stale = await manager.GetPageAsync($"/settings/letters/edit/{id}");
        (await administrator.SubmitAsync(await administrator.GetPageAsync($"/settings/letters/edit/{id}"), "#template-form", new() { ["Template.Subject"] = "Done: {{ case.reference }}" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var response = await manager.SubmitAsync(stale, "#template-form", new() { ["Template.Body"] = "Mine: {{ case.reference }}" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await WebClient.ParseAsync(response);
        result.QuerySelector("[data-testid=conflict]")!.TextContent.ShouldContain("This template was changed by");
        result.QuerySelector("textarea[name='Template.Body']")!.TextContent.Trim().ShouldBe("Mine: {{ case.reference }}");
    }

    [Fact]
    public async Task The_preview_of_a_real_case_shows_its_reference_and_the_patients_first_name()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var opened = await CasePage.OpenAsync(manager, "Priya Raman");
        var reference = await fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == opened.CaseId).Select(c => c.Reference).SingleAsync());
        var id = await TemplateIdAsync(manager, LetterKind.Apology);

        var page = await manager.GetPageAsync($"/settings/letters/edit/{id}?case={opened.CaseId}");

        page.QuerySelector("[data-testid=preview-text]")!.TextContent.ShouldContain("Dear Priya,");
        page.QuerySelector("[data-testid=preview-text]")!.TextContent.ShouldContain(reference);
        page.QuerySelector("[data-testid=preview-html]")!.InnerHtml.ShouldContain("<p>Dear Priya,</p>");
    }

    [Fact]
    public async Task Front_desk_gets_403_on_the_editor_and_another_practices_template_is_404()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var otherManager = await fixture.SignInAsync(TestWorld.OtherManager);
        var id = await TemplateIdAsync(manager, LetterKind.Outcome);

        (await frontDesk.Http.GetAsync(ListUrl)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await frontDesk.Http.GetAsync($"/settings/letters/edit/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await otherManager.Http.GetAsync($"/settings/letters/edit/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherManager.Http.GetAsync(ListUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
