using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>Patient details are personal health information: they never reach a log, whatever happens to the case.</summary>
public sealed class PatientDataInLogsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Name = "Zebedee Quillfeather";
    private const string Phone = "0499 876 543";
    private const string Email = "zebedee.quillfeather@example.org";
    private const string Words = "Distinctive-complaint-about-the-purple-waiting-room";

    [Fact]
    public async Task Working_a_case_writes_no_patient_details_to_the_logs()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var log = await frontDesk.GetPageAsync("/defects/log");
        var form = Defects.Form(log, Name, Words);
        form["Input.PatientPhone"] = Phone;
        form["Input.PatientEmail"] = Email;
        var created = await frontDesk.SubmitAsync(log, "#log-defect-form", form);
        var page = new CasePage(frontDesk, created.Headers.Location!.OriginalString);

        await page.SubmitAsync("#apology-form", []);
        await page.SubmitAsync("#gesture-form", new() { ["Gesture.Amount"] = "500", ["Gesture.Note"] = $"For {Name}" });
        await new CasePage(manager, page.Url).SubmitAsync(".decision-form", new() { ["Decision.Approve"] = "true" });
        // Failures are logged too: a bad form, an unknown case, a conflict.
        await page.SubmitExpectingMessagesAsync("#fix-form", new() { ["Fix.Description"] = "" });
        await frontDesk.Http.GetAsync($"/cases/{Guid.NewGuid()}");
        await manager.Http.GetAsync($"/queue?handler=Csv&includeContacts=true");

        var logs = await fixture.App.ReadLogsAsync();

        logs.ShouldNotBeEmpty();
        logs.ShouldContain("Handled", customMessage: "the request pipeline logs every command");
        logs.ShouldContain("\"RequestPath\":\"/defects/log\"", customMessage: "request logging writes to the same files");
        foreach (var secret in new[] { Name, "Quillfeather", Phone, "0499876543", Email, Words })
        {
            logs.ShouldNotContain(secret, Case.Insensitive, $"'{secret}' must not be in any log");
        }
    }

    [Fact]
    public async Task A_display_link_token_never_reaches_the_logs()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var issued = await manager.SubmitAsync($"/huddle/display-link?practice={fixture.World.Harbourside.Id}", "#issue-form", []);
        var link = (await WebClient.ParseAsync(issued)).QuerySelector("#display-link")!.GetAttribute("value")!;
        var token = link[(link.LastIndexOf('/') + 1)..];
        token.Length.ShouldBeGreaterThan(20);

        using var tv = fixture.Anonymous();
        (await tv.Http.GetAsync($"/huddle/display/{token}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        (await tv.Http.GetAsync($"/huddle/display/{token}?handler=Panels")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);

        var logs = await fixture.App.ReadLogsAsync();
        logs.ShouldContain("/huddle/display/(token)");
        logs.ShouldNotContain(token);
    }
}
