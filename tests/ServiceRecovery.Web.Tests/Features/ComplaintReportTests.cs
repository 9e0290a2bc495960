using System.Net;
using System.Runtime.CompilerServices;
using System.Text;

using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

using static ServiceRecovery.Web.Tests.Features.ReportsSeed;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>
/// The annual complaints report over a fixed set of formal complaints, every figure worked out by hand. Harbourside
/// reports on the NHS England profile (financial year 1 April–31 March), Other Street on UK private care.
/// </summary>
public sealed class ComplaintReportTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Year = "from=2025-04-01&to=2026-03-31";
    private const string PatientName = "Zelda Quill";

    private static readonly ConditionalWeakTable<AppFixture, Task> Seeded = [];

    [Fact]
    public async Task The_report_counts_five_complaints_of_the_year_and_leaves_out_the_one_received_before_it()
    {
        var page = await ManagerPageAsync($"/reports/complaints?{Year}&practice={fixture.World.Harbourside.Id}");

        Rows(page, "complaints-received").ShouldBe(
        [
            ["Received", "5"],
            ["Spoken", "2"],
            ["Written", "3"],
            ["Email", "0"],
            ["Comment card or letter", "0"],
        ]);
        Rows(page, "complaints-handling").ShouldBe(
        [
            ["Acknowledged within the time", "3"],
            ["Acknowledged within the time, share of those received", "60.0 %"],
            ["Responded", "4"],
            ["Responded within the time", "4"],
            ["Responded within the time, share of those responded", "100.0 %"],
            ["Clock paused at least once (waiting for the patient)", "1"],
            ["Lessons recorded on these cases", "1"],
        ]);
        Rows(page, "complaints-outcomes").ShouldBe(
        [
            ["Upheld", "1"],
            ["Partly upheld", "1"],
            ["Not upheld", "2"],
            ["Well-founded (upheld or partly upheld)", "2"],
            ["Responded, outcome not yet recorded", "0"],
            ["Still open (no final response yet)", "1"],
            ["Referred to the escalation body", "1"],
        ]);
        Rows(page, "complaints-stages").ShouldBe([["First contact", "1"], ["Waiting", "2"], ["Billing & payment", "2"]]);
        Rows(page, "complaints-improvements").ShouldBe([["Text a reminder the day before", "2"]]);
    }

    [Fact]
    public async Task The_NHS_practice_sees_the_regulation_18_lines_with_the_Ombudsman_named()
    {
        var page = await ManagerPageAsync($"/reports/complaints?{Year}&practice={fixture.World.Harbourside.Id}");

        Rows(page, "complaints-required").ShouldBe(
        [
            ["Complaints received", "5"],
            ["Complaints well-founded (upheld or partly upheld)", "2"],
            ["Referred to the Parliamentary and Health Service Ombudsman", "1"],
            ["Responses within the agreed time", "4"],
            ["Responses within the agreed time, share", "100.0 %"],
        ]);
    }

    [Fact]
    public async Task Without_dates_the_report_covers_the_last_complete_NHS_financial_year()
    {
        await SeedAsync();
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await manager.GetPageAsync($"/reports/complaints?practice={fixture.World.Harbourside.Id}");

        // Today at Harbourside; the last complete year runs 1 April to 31 March and ended before today.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney")).DateTime);
        var endYear = today.Month >= 4 ? today.Year : today.Year - 1;
        page.QuerySelector("#from")!.GetAttribute("value").ShouldBe($"{endYear - 1}-04-01");
        page.QuerySelector("#to")!.GetAttribute("value").ShouldBe($"{endYear}-03-31");
        page.QuerySelector("[data-testid=report-scope]")!.TextContent.ShouldContain("the financial year, 1 April to 31 March");
    }

    [Fact]
    public async Task The_CSV_has_one_row_per_figure_per_practice_with_invariant_numbers_and_a_file_name_of_the_period()
    {
        await SeedAsync();
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var (lines, name) = await CsvAsync(manager, $"{Year}&practice={fixture.World.Harbourside.Id}");

        name.ShouldBe("complaints-report-2025-04-01-to-2026-03-31.csv");
        lines[0].ShouldBe("Practice,From,To,Table,Figure,Value");
        lines.ShouldContain("Harbourside Dental,2025-04-01,2026-03-31,\"Received, by how the complaint was made\",Received,5");
        lines.ShouldContain("Harbourside Dental,2025-04-01,2026-03-31,\"Received, by how the complaint was made\",Spoken,2");
        lines.ShouldContain("Harbourside Dental,2025-04-01,2026-03-31,Handling,Acknowledged within the time,3");
        lines.ShouldContain("Harbourside Dental,2025-04-01,2026-03-31,Handling,\"Acknowledged within the time, share of those received\",60");
        lines.ShouldContain("Harbourside Dental,2025-04-01,2026-03-31,Outcomes,Not upheld,2");
        lines.ShouldContain("Harbourside Dental,2025-04-01,2026-03-31,Outcomes,Referred to the escalation body,1");
        lines.ShouldContain("Harbourside Dental,2025-04-01,2026-03-31,\"Subjects, by stage of the patient's journey\",Waiting,2");
    }

    [Fact]
    public async Task An_administrator_sees_both_practices_side_by_side_on_the_page_and_in_the_CSV()
    {
        await SeedAsync();
        using var administrator = await fixture.SignInAsync(TestWorld.Administrator);
        var page = await administrator.GetPageAsync($"/reports/complaints?{Year}");

        var table = page.QuerySelector("[data-testid=table-complaints-received]")!;
        table.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).ShouldBe(["Figure", "Harbourside Dental", "Other Street Dental"]);
        Rows(page, "complaints-received")[0].ShouldBe(["Received", "5", "1"]);
        Rows(page, "complaints-required").Single(r => r[0] == "Referred to the Dental Complaints Service").ShouldBe(["Referred to the Dental Complaints Service", "", "0"]);
        var (lines, _) = await CsvAsync(administrator, Year);
        lines.ShouldContain("Other Street Dental,2025-04-01,2026-03-31,\"Received, by how the complaint was made\",Email,1");
        lines.ShouldContain("Harbourside Dental,2025-04-01,2026-03-31,\"Received, by how the complaint was made\",Email,0");
    }

    [Fact]
    public async Task A_period_without_formal_complaints_shows_the_empty_state()
    {
        var page = await ManagerPageAsync($"/reports/complaints?from=2024-01-01&to=2024-12-31&practice={fixture.World.Harbourside.Id}");

        page.QuerySelector("[data-testid=empty-state]")!.TextContent.ShouldContain("No formal complaints in this period");
        page.QuerySelector("[data-testid=table-complaints-received]").ShouldBeNull();
    }

    [Fact]
    public async Task Front_desk_is_refused_the_report_its_CSV_and_its_printable_document()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);

        (await frontDesk.Http.GetAsync($"/reports/complaints?{Year}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await frontDesk.Http.GetAsync($"/reports/complaints?handler=Csv&{Year}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await frontDesk.Http.GetAsync($"/reports/complaints/print?{Year}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_printable_document_is_titled_with_the_practice_and_period_and_carries_the_figures()
    {
        await SeedAsync();
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await manager.GetPageAsync($"/reports/complaints/print?{Year}&practice={fixture.World.Harbourside.Id}");

        page.QuerySelector("[data-testid=document-title]")!.TextContent.ShouldBe("Annual complaints report: Harbourside Dental, 1 Apr 2025 to 31 Mar 2026");
        page.QuerySelector("link[href^='/css/print-page.']").ShouldNotBeNull();
        Rows(page, "complaints-received")[0].ShouldBe(["Received", "5"]);
    }

    [Fact]
    public async Task No_patient_name_nor_complaint_summary_appears_in_the_page_the_CSV_or_the_print()
    {
        await SeedAsync();
        using var administrator = await fixture.SignInAsync(TestWorld.Administrator);

        var page = await administrator.GetPageAsync($"/reports/complaints?{Year}");
        var print = await administrator.GetPageAsync($"/reports/complaints/print?{Year}");
        var (lines, _) = await CsvAsync(administrator, Year);

        page.QuerySelector("[data-testid=table-complaints-received]").ShouldNotBeNull();
        foreach (var text in new[] { page.Body!.TextContent, print.Body!.TextContent, string.Join("\n", lines) })
        {
            text.ShouldNotContain(PatientName);
            text.ShouldNotContain("Report Patient");
        }
    }

    // ---- the data set -----------------------------------------------------------------------------

    private Task SeedAsync() => Seeded.GetValue(fixture, f => SeedFixedSetAsync(f.App, f.World));

    /// <summary>
    /// Harbourside (NHS England; England's bank holidays): five complaints received April 2025–March 2026 and one in
    /// March 2025. Acknowledge within 3 working days: A, B, C in time, D late, E never (open, paused once).
    /// Other Street (UK private): one open complaint by email.
    /// </summary>
    private static async Task SeedFixedSetAsync(AppFactory app, TestWorld world)
    {
        await app.WithDbAsync(async db =>
        {
            var practice = await db.Practices.Include(p => p.Stages).Include(p => p.Categories).SingleAsync(p => p.Id == world.Harbourside.Id);
            practice.ChangeWorkingDaysAndComplaints(WorkingDays.Days(practice.OpeningDays), practice.ClosureDays, new ComplaintSettings(JurisdictionProfiles.EnglandNhs.Id, null, null, null));
            var seed = new ReportsSeed(db, practice);
            var template = LetterTemplate.Create(practice.Id, LetterKind.Custom, "Complaint letter", "Your complaint", "Dear patient,", Manager, Utc(2025, 1, 1));
            db.LetterTemplates.Add(template);
            var reminder = seed.Improvement("Text a reminder the day before");

            var a = Complaint(seed, practice, new DateOnly(2025, 5, 6), ComplaintChannel.Spoken, "Waiting");
            Letter(a, template, practice, LetterPurpose.ComplaintAcknowledgement, new DateOnly(2025, 5, 7));
            Letter(a, template, practice, LetterPurpose.ComplaintResponse, new DateOnly(2025, 5, 20));
            a.RecordComplaintOutcome(Manager, ComplaintFinding.Upheld, true, new DateOnly(2025, 6, 1), practice, Utc(2025, 6, 2, 1));
            a.LinkImprovement(reminder, Manager, Utc(2025, 6, 2, 1));
            a.RecordLesson(Manager, "Say the wait out loud.", Utc(2025, 6, 2, 1));

            var b = Complaint(seed, practice, new DateOnly(2025, 6, 2), ComplaintChannel.Written, "Waiting");
            Letter(b, template, practice, LetterPurpose.ComplaintAcknowledgement, new DateOnly(2025, 6, 3));
            Letter(b, template, practice, LetterPurpose.ComplaintResponse, new DateOnly(2025, 6, 20));
            b.RecordComplaintOutcome(Manager, ComplaintFinding.PartlyUpheld, false, null, practice, Utc(2025, 6, 21, 1));
            b.LinkImprovement(reminder, Manager, Utc(2025, 6, 21, 1));

            var c = Complaint(seed, practice, new DateOnly(2025, 7, 1), ComplaintChannel.Written, "Billing & payment");
            Letter(c, template, practice, LetterPurpose.ComplaintAcknowledgement, new DateOnly(2025, 7, 2));
            Letter(c, template, practice, LetterPurpose.ComplaintResponse, new DateOnly(2025, 7, 15));
            c.RecordComplaintOutcome(Manager, ComplaintFinding.NotUpheld, false, null, practice, Utc(2025, 7, 16, 1));

            // Acknowledged on the 12th working day: late. The response (a month later) is within the agreed time.
            var d = Complaint(seed, practice, new DateOnly(2025, 8, 4), ComplaintChannel.Spoken, "Billing & payment");
            Letter(d, template, practice, LetterPurpose.ComplaintAcknowledgement, new DateOnly(2025, 8, 20));
            Letter(d, template, practice, LetterPurpose.ComplaintResponse, new DateOnly(2025, 9, 1));
            d.RecordComplaintOutcome(Manager, ComplaintFinding.NotUpheld, false, null, practice, Utc(2025, 9, 2, 1));

            var e = Complaint(seed, practice, new DateOnly(2025, 9, 1), ComplaintChannel.Written, "First contact");
            e.PauseComplaintClock(Manager, new DateOnly(2025, 9, 2), "Waiting for the patient's x-rays", practice, Utc(2025, 9, 2, 1));

            // Received the day before the year began: outside.
            Complaint(seed, practice, new DateOnly(2025, 3, 31), ComplaintChannel.Email, "Waiting");
            await db.SaveChangesAsync();

            var other = await db.Practices.Include(p => p.Stages).Include(p => p.Categories).SingleAsync(p => p.Id == world.Other.Id);
            other.ChangeWorkingDaysAndComplaints(WorkingDays.Days(other.OpeningDays), other.ClosureDays, new ComplaintSettings(JurisdictionProfiles.UnitedKingdomPrivate.Id, null, null, null));
            Complaint(new ReportsSeed(db, other), other, new DateOnly(2025, 10, 1), ComplaintChannel.Email, "Waiting");
            return await db.SaveChangesAsync();
        });
    }

    private static RecoveryCase Complaint(ReportsSeed seed, Practice practice, DateOnly received, ComplaintChannel channel, string stage)
    {
        var recoveryCase = seed.Case(Utc(received.Year, received.Month, received.Day, 1).AddDays(-2), stage);
        recoveryCase.MarkFormalComplaint(FrontDesk, received, channel, $"{PatientName} is unhappy", practice, Utc(received.Year, received.Month, received.Day, 2));
        return recoveryCase;
    }

    private static void Letter(RecoveryCase recoveryCase, LetterTemplate template, Practice practice, LetterPurpose purpose, DateOnly on) =>
        recoveryCase.RecordLetter(FrontDesk, purpose, LetterChannel.Letter, template.Versions[0], "Your complaint", "Dear patient,", null, Utc(on.Year, on.Month, on.Day, 1), practice);

    private async Task<IHtmlDocument> ManagerPageAsync(string url)
    {
        await SeedAsync();
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        return await manager.GetPageAsync(url);
    }

    private static async Task<(string[] Lines, string? FileName)> CsvAsync(WebClient client, string query)
    {
        var response = await client.Http.GetAsync($"/reports/complaints?handler=Csv&{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3);
        return (text.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries), response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    private static List<string[]> Rows(IHtmlDocument page, string figure)
    {
        var table = page.QuerySelector($"[data-testid=table-{figure}]")
            ?? throw new InvalidOperationException($"No table for {figure}: {page.QuerySelector("#error-summary")?.TextContent ?? page.QuerySelector("[data-testid=empty-state]")?.TextContent}");
        return table.QuerySelectorAll("tbody tr").Select(tr => tr.Children.Select(cell => cell.TextContent.Trim()).ToArray()).ToList();
    }
}
