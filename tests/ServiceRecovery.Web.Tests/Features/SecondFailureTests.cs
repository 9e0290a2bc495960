using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>A second defect for the same patient within 12 months: flagged, raised a level, given to a manager.</summary>
public sealed class SecondFailureTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_second_defect_for_a_known_patient_shows_the_second_failure_notice_on_the_case_and_a_badge_in_the_queue()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var first = await CasePage.OpenAsync(frontDesk, "Ruth Again");
        var firstReference = (await first.LoadAsync()).QuerySelector("[data-testid=case-reference]")!.TextContent;
        var patientId = await PatientOfAsync(first.CaseId);

        var secondUrl = await LogForExistingPatientAsync(frontDesk, patientId, Severity.Minor);

        var second = await frontDesk.GetPageAsync(secondUrl);
        var notice = second.QuerySelector("[data-testid=second-failure]").ShouldNotBeNull("the case page says it is a second failure");
        notice.QuerySelector("h2")!.TextContent.ShouldBe("Second failure");
        var earlierLink = notice.QuerySelector("a[data-testid=second-failure-earlier]")!;
        earlierLink.GetAttribute("href").ShouldBe(first.Url);
        earlierLink.TextContent.ShouldBe(firstReference);
        var words = System.Text.RegularExpressions.Regex.Replace(notice.TextContent, @"\s+", " ").Trim();
        words.ShouldStartWith($"Second failure This patient had another defect, {firstReference}, on ");
        words.ShouldEndWith($"(earlier the same day). A second failure within 12 months undoes the first recovery, so it is treated as more serious. " +
            $"Severity raised from Minor to Moderate; assigned to {TestWorld.ManagerName} at opening.");
        second.QuerySelector("[data-testid=case-owner]")!.TextContent.ShouldBe(TestWorld.ManagerName);
        second.QuerySelector("[data-testid=case-severity]")!.TextContent.ShouldBe("Moderate (logged as Minor)");
        var timeline = second.QuerySelector("[data-testid=timeline]")!.TextContent;
        timeline.ShouldContain($"Second failure: this patient's {firstReference} was earlier the same day. Severity raised from Minor to Moderate; assigned to {TestWorld.ManagerName}.");
        timeline.ShouldNotContain("Ruth Again");

        var queue = await manager.GetPageAsync("/queue");
        var secondReference = second.QuerySelector("[data-testid=case-reference]")!.TextContent;
        RowOf(queue, secondReference).QuerySelector("[data-testid=second-failure-badge]")!.TextContent.ShouldBe("Second failure");
        RowOf(queue, firstReference).QuerySelector("[data-testid=second-failure-badge]").ShouldBeNull("the patient's first defect is not a second failure");
    }

    [Fact]
    public async Task A_patients_first_defect_shows_no_second_failure_and_keeps_its_severity_and_owner()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await CasePage.OpenAsync(frontDesk, "Fresh Face");

        var loaded = await page.LoadAsync();
        loaded.QuerySelector("[data-testid=second-failure]").ShouldBeNull();
        loaded.QuerySelector("[data-testid=case-owner]")!.TextContent.ShouldBe(TestWorld.FrontDeskName);
        loaded.QuerySelector("[data-testid=case-severity]")!.TextContent.ShouldBe("Moderate");
        loaded.QuerySelector("[data-testid=timeline]")!.TextContent.ShouldNotContain("Second failure");
        var queue = await manager.GetPageAsync("/queue");
        RowOf(queue, loaded.QuerySelector("[data-testid=case-reference]")!.TextContent).QuerySelector("[data-testid=second-failure-badge]").ShouldBeNull();
    }

    [Fact]
    public async Task Another_practices_defect_for_a_patient_with_the_same_PMS_id_does_not_make_a_second_failure()
    {
        using var otherFrontDesk = await fixture.SignInAsync(TestWorld.OtherFrontDesk);
        var log = await otherFrontDesk.GetPageAsync("/defects/log");
        var form = Defects.Form(log, "Shared Pms");
        form["Input.PatientPmsId"] = "PMS-SHARED-7";
        var otherCase = await otherFrontDesk.SubmitAsync(log, "#log-defect-form", form);
        otherCase.StatusCode.ShouldBe(HttpStatusCode.Redirect, await otherCase.Content.ReadAsStringAsync());
        var harboursidePatient = await fixture.App.WithDbAsync(async db =>
        {
            var patient = Patient.Create(fixture.World.Harbourside.Id, "Shared Pms", "0412 345 678", null, "PMS-SHARED-7", DateTimeOffset.UtcNow, "AU");
            db.Patients.Add(patient);
            await db.SaveChangesAsync();
            return patient.Id;
        });
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);

        var caseUrl = await LogForExistingPatientAsync(frontDesk, harboursidePatient, Severity.Minor);

        var page = await frontDesk.GetPageAsync(caseUrl);
        page.QuerySelector("[data-testid=second-failure]").ShouldBeNull("a patient of another practice is another patient");
        page.QuerySelector("[data-testid=case-severity]")!.TextContent.ShouldBe("Minor");
        page.QuerySelector("[data-testid=case-owner]")!.TextContent.ShouldBe(TestWorld.FrontDeskName);
    }

    private static async Task<string> LogForExistingPatientAsync(WebClient client, Guid patientId, Severity severity)
    {
        var log = await client.GetPageAsync("/defects/log");
        var form = Defects.Form(log, patientName: "");
        form["Input.PatientPhone"] = "";
        form["Input.PatientEmail"] = "";
        form["Input.PatientId"] = patientId.ToString();
        form["Input.Severity"] = ((int)severity).ToString();
        var response = await client.SubmitAsync(log, "#log-defect-form", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.OriginalString;
    }

    private Task<Guid> PatientOfAsync(Guid caseId) =>
        fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Defect.PatientId!.Value).SingleAsync());

    private static AngleSharp.Dom.IElement RowOf(IHtmlDocument queue, string reference) =>
        queue.QuerySelector($"[data-testid=queue] tbody tr[data-case='{reference}']").ShouldNotBeNull($"{reference} is in the queue");
}
