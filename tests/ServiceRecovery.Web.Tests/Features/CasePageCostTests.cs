using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>The case page costs a small, fixed number of database commands however long the case's history.</summary>
public sealed class CasePageCostTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    // The session check; the case with its defect, practice, stage, category and patient; its eight kinds of records
    // on screen; the patient's other cases; the patient's missed visits after the defect (an open case); the
    // improvements; the staff for the owner lists; its recovery survey; its letters and emails to the patient. (A case
    // with a request waiting for a manager reads its requests too, and a case welcomed back its welcome backs; these
    // cases have neither.)
    private const int Budget = 16;

    [Fact]
    public async Task The_case_page_runs_the_same_few_commands_for_a_new_case_and_a_long_one()
    {
        using var client = await fixture.SignInAsync(TestWorld.FrontDesk);
        var fresh = await CasePage.OpenAsync(client, "Short History");
        var busy = await CasePage.OpenAsync(client, "Long History");
        await busy.SubmitAsync("#apology-form", []);
        for (var i = 1; i <= 12; i++)
        {
            await busy.SubmitAsync("#fix-form", new() { ["Fix.Description"] = $"Fix number {i}" });
            await busy.SubmitAsync("#contact-form", new() { ["Contact.Summary"] = $"Contact number {i}" });
        }

        await busy.SubmitAsync("#gesture-form", new() { ["Gesture.Amount"] = "20" });
        await busy.SubmitAsync("#lesson-form", new() { ["Lesson.Text"] = "Lesson" });
        await busy.SubmitAsync("#follow-up-form", []);

        var freshCost = await CommandsFor(client, fresh.Url);
        var busyCost = await CommandsFor(client, busy.Url);

        busyCost.ShouldBe(freshCost, "the number of commands must not grow with the case's history");
        busyCost.ShouldBeLessThanOrEqualTo(Budget);
    }

    private async Task<int> CommandsFor(WebClient client, string url)
    {
        await client.GetPageAsync(url);
        fixture.App.Commands.Reset();
        await client.GetPageAsync(url);
        return fixture.App.Commands.Count;
    }
}
