using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Retention;

/// <summary>Right of access in plain words: the printable copy holds what the JSON file holds, for managers only, audited, never cached.</summary>
public sealed class PatientPrintableCopyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_manager_s_printable_copy_lists_the_same_cases_letters_and_appointments_as_the_json_file_and_is_audited_as_printable()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var caseId = Defects.CaseIdOf(await Defects.LogAsync(frontDesk, "Philippa Printable"));
        await Defects.LogAsync(frontDesk, "Quentin Elsewhere");
        await PrintLetterAsync(frontDesk, caseId);
        var patientId = await PatientOfAsync(caseId);
        await SeedSecondCaseAndAppointmentAsync(patientId);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);

        var record = await manager.GetPageAsync($"/patients/{patientId}");
        var link = record.QuerySelector("[data-testid=printable-copy]")!;
        link.TextContent.Trim().ShouldBe("Printable copy");
        var response = await manager.Http.GetAsync(link.GetAttribute("href"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var page = await WebClient.ParseAsync(response);
        var file = await manager.SubmitAsync($"/patients/{patientId}", "#export-form", []);
        using var json = JsonDocument.Parse(await file.Content.ReadAsStringAsync());

        var cases = json.RootElement.GetProperty("cases").EnumerateArray().ToList();
        cases.Count.ShouldBe(2);
        page.QuerySelectorAll("[data-testid=case-reference]").Select(e => e.TextContent).ShouldBe(cases.Select(c => c.GetProperty("reference").GetString()));
        var subjects = cases.SelectMany(c => c.GetProperty("letters").EnumerateArray()).Select(l => l.GetProperty("subject").GetString()!).ToList();
        subjects.ShouldHaveSingleItem();
        page.QuerySelector("[data-testid=case-letters]")!.TextContent.ShouldContain(subjects[0]);
        json.RootElement.GetProperty("appointments").GetArrayLength().ShouldBe(1);
        page.QuerySelectorAll("[data-testid=access-appointments] li").Length.ShouldBe(1);
        page.QuerySelector("[data-testid=patient-details]")!.TextContent.ShouldContain("Philippa Printable");
        page.QuerySelector("[data-testid=access-document]")!.TextContent.ShouldContain(Defects.Description);
        page.Body!.TextContent.ShouldNotContain("Quentin");
        page.QuerySelectorAll("[data-testid=case-steps] li").Length.ShouldBeGreaterThan(0);

        var audit = await fixture.App.WithDbAsync(db => db.Audit.AsNoTracking().Where(a => a.Kind == AuditKind.PatientExported && a.Detail.Contains(patientId.ToString())).ToListAsync());
        audit.Count.ShouldBe(2, "one for the printable copy, one for the file");
        var printable = audit.Where(a => a.Detail.Contains("printable copy")).ShouldHaveSingleItem();
        printable.ActorName.ShouldBe(TestWorld.ManagerName);
        printable.PracticeId.ShouldBe(fixture.World.Harbourside.Id);
        audit.ShouldAllBe(a => !a.Detail.Contains("Philippa"));
    }

    [Fact]
    public async Task Front_desk_gets_the_refusal_page_and_another_practice_s_manager_is_told_not_found_and_nothing_is_audited()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var patientId = await PatientOfAsync(Defects.CaseIdOf(await Defects.LogAsync(frontDesk, "Rosalind Refused-Print")));
        using var otherManager = await fixture.SignInAsync(TestWorld.OtherManager);

        var byFrontDesk = await frontDesk.Http.GetAsync($"/patients/{patientId}/export/print");
        var byOtherManager = await otherManager.Http.GetAsync($"/patients/{patientId}/export/print");

        byFrontDesk.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var refusal = await byFrontDesk.Content.ReadAsStringAsync();
        refusal.ShouldContain("data-testid=\"correlation-id\"");
        refusal.ShouldNotContain("Rosalind");
        byOtherManager.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await byOtherManager.Content.ReadAsStringAsync()).ShouldNotContain("Rosalind");
        (await fixture.App.WithDbAsync(db => db.Audit.CountAsync(a => a.Kind == AuditKind.PatientExported && a.Detail.Contains(patientId.ToString())))).ShouldBe(0);
    }

    [Fact]
    public async Task A_patient_whose_details_were_removed_shows_the_removal_line_with_its_date_and_no_old_name()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var caseId = Defects.CaseIdOf(await Defects.LogAsync(frontDesk, "Sebastian Since-Removed"));
        var patientId = await PatientOfAsync(caseId);
        var removedAt = new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);
        await fixture.App.WithDbAsync(async db =>
        {
            (await db.Patients.SingleAsync(p => p.Id == patientId)).RemoveDetails(removedAt).ShouldBeTrue();
            return await db.SaveChangesAsync();
        });
        using var manager = await fixture.SignInAsync(TestWorld.Manager);

        var page = await manager.GetPageAsync($"/patients/{patientId}/export/print");

        var locale = fixture.World.Harbourside.Locale;
        page.QuerySelector("[data-testid=details-removed]")!.TextContent.ShouldContain(
            $"removed under the retention rule on {locale.ToLocal(removedAt).ToString("d MMMM yyyy", locale.CultureInfo)}");
        page.QuerySelector("[data-testid=patient-details]").ShouldBeNull();
        page.Body!.TextContent.ShouldNotContain("Sebastian");
        page.Body.TextContent.ShouldNotContain("0412 345 678");
        page.QuerySelectorAll("[data-testid=case-reference]").Length.ShouldBe(1, "the case is kept");
    }

    private static async Task PrintLetterAsync(WebClient frontDesk, Guid caseId)
    {
        var compose = await frontDesk.GetPageAsync($"/cases/{caseId}/write");
        var form = (IHtmlFormElement)compose.QuerySelector("#letter-form")!;
        var printed = await frontDesk.Http.PostAsync($"/cases/{caseId}/write?handler=Print", new FormUrlEncodedContent(WebClient.FieldsOf(form)));
        printed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    /// <summary>A second case of the same patient and one appointment of theirs, so the copy must list more than one of each kind.</summary>
    private Task<int> SeedSecondCaseAndAppointmentAsync(Guid patientId) => fixture.App.WithDbAsync(async db =>
    {
        var practice = await db.Practices.Include(p => p.Stages).Include(p => p.Categories).AsSplitQuery().SingleAsync(p => p.Id == fixture.World.Harbourside.Id);
        var manager = new Actor("seeded-manager", TestWorld.ManagerName, StaffRole.PracticeManager);
        var now = fixture.App.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var defect = ServiceDefect.Log(practice.Id, patientId, practice.Stages[0], practice.Categories[0], Severity.Minor, DefectChannel.InPerson,
            now.AddMinutes(-10), "The invoice was wrong", manager, now);
        db.Defects.Add(defect);
        db.Cases.Add(RecoveryCase.Open(practice, new CaseReference(now.Year, Random.Shared.Next(5000, 9999)), defect, manager, now.AddSeconds(1)));
        db.Appointments.Add(Appointment.Record(practice.Id, $"print-{patientId:N}", patientId, now.AddDays(7), AppointmentStatus.Booked, AppointmentSource.Csv, now));
        return await db.SaveChangesAsync();
    });

    private Task<Guid> PatientOfAsync(Guid caseId) => fixture.App.WithDbAsync(db =>
        db.Defects.Where(d => db.Cases.Any(c => c.Id == caseId && c.DefectId == d.Id)).Select(d => d.PatientId!.Value).SingleAsync());
}
