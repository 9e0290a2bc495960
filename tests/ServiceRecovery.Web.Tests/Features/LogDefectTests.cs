using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

public sealed class LogDefectTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Front_desk_logs_a_defect_and_sees_the_new_case()
    {
        using var client = await fixture.SignInAsync(TestWorld.FrontDesk);

        var caseUrl = await Defects.LogAsync(client, "Charlotte Rossi");

        var page = await client.GetPageAsync(caseUrl);
        page.QuerySelector("[data-testid=case-reference]")!.TextContent.ShouldMatch(@"^SR-\d{4}-\d{4}$");
        page.QuerySelector("[data-testid=case-status]")!.TextContent.ShouldBe("Open");
        page.QuerySelector("[data-testid=patient-name]")!.TextContent.ShouldBe("Charlotte Rossi");
        page.QuerySelector("[data-testid=defect-description]")!.TextContent.ShouldBe(Defects.Description);
        page.QuerySelector("#flash")!.TextContent.ShouldContain("opened");
        var steps = page.QuerySelectorAll("[data-testid=steps] li");
        steps.Select(s => s.GetAttribute("data-step")).ShouldBe(ServiceSteps.InOrder.Select(s => s.ToString()));
        steps[0].GetAttribute("data-state").ShouldBe(nameof(StepState.DueSoon));
        page.QuerySelector("[data-testid=timeline]")!.TextContent.ShouldContain("Case opened");

        var home = await client.GetPageAsync("/");
        home.QuerySelector("table")!.TextContent.ShouldContain("Charlotte Rossi");
    }

    [Fact]
    public async Task Case_references_count_up_within_the_practice_year()
    {
        using var client = await fixture.SignInAsync(TestWorld.FrontDesk);
        var first = await ReferenceOf(client, await Defects.LogAsync(client));
        var second = await ReferenceOf(client, await Defects.LogAsync(client));

        CaseReference.TryParse(first, out var a).ShouldBeTrue();
        CaseReference.TryParse(second, out var b).ShouldBeTrue();
        b.Year.ShouldBe(a.Year);
        b.Number.ShouldBe(a.Number + 1);
    }

    [Fact]
    public async Task A_validation_error_shows_beside_the_field_and_keeps_what_was_typed()
    {
        using var client = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await client.GetPageAsync("/defects/log");
        var form = Defects.Form(page, "Thomas O'Brien", description: "");
        form["Input.PatientEmail"] = "not-an-email";
        var before = await CaseCount();

        var response = await client.SubmitAsync(page, "#log-defect-form", form);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await WebClient.ParseAsync(response);
        result.QuerySelector("[data-valmsg-for='Input.Description']")!.TextContent.ShouldBe("Describe what happened, in the patient's words.");
        result.QuerySelector("[data-valmsg-for='Input.PatientEmail']")!.TextContent.ShouldBe("Enter an email address like name@example.com.");
        result.QuerySelector("#error-summary")!.TextContent.ShouldContain("Describe what happened");
        result.QuerySelector("#Input_PatientName")!.GetAttribute("value").ShouldBe("Thomas O'Brien");
        result.QuerySelector("#Input_PatientEmail")!.GetAttribute("value").ShouldBe("not-an-email");
        result.QuerySelector("#Input_PatientPhone")!.GetAttribute("value").ShouldBe("0412 345 678");
        (await CaseCount()).ShouldBe(before);
    }

    [Theory]
    [InlineData("Input.OccurredAt", "yesterday-ish", "Enter a valid value for When it happened.")]
    [InlineData("Input.OccurredAt", "2099-01-01T10:00", "When it happened cannot be in the future.")]
    [InlineData("Input.Severity", "99", "Choose a value from the list.")]
    [InlineData("Input.Channel", "-1", "Choose a value from the list.")]
    [InlineData("Input.StageId", "not-a-guid", "Enter a valid value for Stage of the visit.")]
    [InlineData("Input.PatientPhone", "=1+2", "Enter a phone number of 6 to 15 digits; spaces, +, ( ) and - are fine.")]
    [InlineData("Input.PatientName", "Evil\u202Ename", "The name contains characters that cannot be used.")]
    public async Task Bad_input_gets_a_clear_message_and_stores_nothing(string field, string value, string message)
    {
        using var client = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await client.GetPageAsync("/defects/log");
        var form = Defects.Form(page);
        form[field] = value;
        var before = await CaseCount();

        var response = await client.SubmitAsync(page, "#log-defect-form", form);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await WebClient.ParseAsync(response);
        result.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent.ShouldBe(message);
        result.QuerySelector($"[name='{field}']")!.GetAttribute("value")?.ShouldBe(value);
        (await CaseCount()).ShouldBe(before);
    }

    [Fact]
    public async Task A_stage_of_another_practice_is_refused()
    {
        using var client = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await client.GetPageAsync("/defects/log");
        var form = Defects.Form(page);
        form["Input.StageId"] = fixture.World.Other.Stages[0].Id.ToString();

        var response = await client.SubmitAsync(page, "#log-defect-form", form);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebClient.ParseAsync(response)).QuerySelector("[data-valmsg-for='Input.StageId']")!.TextContent
            .ShouldBe("Choose a stage of this practice from the list.");
    }

    [Fact]
    public async Task Logging_into_another_practice_is_refused()
    {
        using var client = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await client.GetPageAsync("/defects/log");
        var form = Defects.Form(page);
        form["Input.PracticeId"] = fixture.World.Other.Id.ToString();
        var before = await CaseCount();

        var response = await client.SubmitAsync(page, "#log-defect-form", form);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebClient.ParseAsync(response)).QuerySelector("#error-summary")!.TextContent.ShouldContain("Choose one of your practices.");
        (await CaseCount()).ShouldBe(before);
    }

    [Fact]
    public async Task Submitting_the_same_form_twice_opens_one_case()
    {
        using var client = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await client.GetPageAsync("/defects/log");
        var form = Defects.Form(page, "Double Click");

        var first = await client.SubmitAsync(page, "#log-defect-form", form);
        var second = await client.SubmitAsync(page, "#log-defect-form", form);

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        second.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        second.Headers.Location.ShouldBe(first.Headers.Location);
        (await fixture.App.WithDbAsync(db => db.Patients.CountAsync(p => p.DisplayName == "Double Click"))).ShouldBe(1);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected()
    {
        using var client = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await client.GetPageAsync("/defects/log");
        var form = Defects.Form(page);
        form["__RequestVerificationToken"] = null;

        var response = await client.SubmitAsync(page, "#log-defect-form", form);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Sixteen_defects_logged_at_the_same_moment_each_open_their_own_case_with_consecutive_references()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => fixture.SignInAsync(TestWorld.FrontDesk)));
        try
        {
            var forms = await Task.WhenAll(clients.Select(c => c.GetPageAsync("/defects/log")));

            // Sixteen commands at once queue at the write gate; none fails, none waits on SQLite's busy handler.
            var responses = await Task.WhenAll(clients.Select((c, i) => c.SubmitAsync(forms[i], "#log-defect-form", Defects.Form(forms[i], $"Concurrent Patient {i}"))));

            responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect);
            var references = await Task.WhenAll(responses.Select((r, i) => ReferenceOf(clients[i], r.Headers.Location!.OriginalString)));
            var numbers = references.Select(r => CaseReference.TryParse(r, out var parsed) ? parsed.Number : -1).Order().ToList();
            numbers.ShouldBe(Enumerable.Range(numbers[0], 16).ToList());
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private Task<int> CaseCount() => fixture.App.WithDbAsync(db => db.Cases.CountAsync());

    private static async Task<string> ReferenceOf(WebClient client, string caseUrl) =>
        (await client.GetPageAsync(caseUrl)).QuerySelector("[data-testid=case-reference]")!.TextContent;
}
