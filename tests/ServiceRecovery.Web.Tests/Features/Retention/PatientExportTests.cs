using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Retention;

/// <summary>Right of access: a manager downloads everything held about one patient, and nothing of anyone else; audited; others refused.</summary>
public sealed class PatientExportTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_manager_s_export_holds_the_patient_their_case_and_timeline_and_no_other_patient_and_is_audited()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var caseUrl = await Defects.LogAsync(frontDesk, "Xanthe Export-Subject");
        await Defects.LogAsync(frontDesk, "Yorick Someone-Else");
        var caseId = Defects.CaseIdOf(caseUrl);
        var patientId = await PatientOfAsync(caseId);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);

        var page = await manager.GetPageAsync($"/patients/{patientId}");
        page.QuerySelector("[data-testid=patient-name]")!.TextContent.ShouldBe("Xanthe Export-Subject");
        var response = await manager.SubmitAsync($"/patients/{patientId}", "#export-form", []);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var fileName = response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!;
        fileName.ShouldBe($"patient-{patientId:N}.json", "the file name carries the id, never the name");
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        json.RootElement.GetProperty("patient").GetProperty("name").GetString().ShouldBe("Xanthe Export-Subject");
        var exportedCase = json.RootElement.GetProperty("cases").EnumerateArray().ShouldHaveSingleItem();
        exportedCase.GetProperty("id").GetGuid().ShouldBe(caseId);
        exportedCase.GetProperty("defect").GetProperty("description").GetString().ShouldBe(Defects.Description);
        exportedCase.GetProperty("timeline").GetArrayLength().ShouldBeGreaterThan(0);
        text.ShouldNotContain("Yorick");

        var audit = await fixture.App.WithDbAsync(db => db.Audit.AsNoTracking().Where(a => a.Kind == AuditKind.PatientExported && a.Detail.Contains(patientId.ToString())).ToListAsync());
        var entry = audit.ShouldHaveSingleItem();
        entry.ActorName.ShouldBe(TestWorld.ManagerName);
        entry.PracticeId.ShouldBe(fixture.World.Harbourside.Id);
        entry.Detail.ShouldNotContain("Xanthe");
    }

    [Fact]
    public async Task Front_desk_is_refused_the_export_and_another_practice_s_manager_is_told_not_found()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var patientId = await PatientOfAsync(Defects.CaseIdOf(await Defects.LogAsync(frontDesk, "Zara Refused-Export")));
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await manager.GetPageAsync($"/patients/{patientId}");
        var form = WebClient.FieldsOf((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#export-form")!);

        var byFrontDesk = await frontDesk.Http.PostAsync($"/patients/{patientId}?handler=Export", new FormUrlEncodedContent(form));
        using var otherManager = await fixture.SignInAsync(TestWorld.OtherManager);
        var otherPage = await otherManager.Http.GetAsync($"/patients/{patientId}");

        byFrontDesk.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        otherPage.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fixture.App.WithDbAsync(db => db.Audit.CountAsync(a => a.Kind == AuditKind.PatientExported && a.Detail.Contains(patientId.ToString())))).ShouldBe(0);
    }

    private Task<Guid> PatientOfAsync(Guid caseId) => fixture.App.WithDbAsync(db =>
        db.Defects.Where(d => db.Cases.Any(c => c.Id == caseId && c.DefectId == d.Id)).Select(d => d.PatientId!.Value).SingleAsync());
}
