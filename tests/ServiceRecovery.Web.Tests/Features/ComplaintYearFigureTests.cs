using System.Net;
using System.Runtime.CompilerServices;
using System.Text;

using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

using static ServiceRecovery.Web.Tests.Features.ReportsSeed;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>
/// The annual complaints report of a Victorian practice (financial year 1 July–30 June; acknowledge within 3 working days
/// on Victoria's holidays, respond within 90 days) and a US practice (calendar year; HIPAA; acknowledge within 3 working
/// days, respond within 30 days), every figure worked out by hand below, on the page and in the CSV. Harbourside reports
/// on the Victoria profile, Other Street (moved to New York) on the US one.
/// </summary>
public sealed class ComplaintYearFigureTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string VictoriaYear = "from=2024-07-01&to=2025-06-30";
    private const string VictoriaNextYear = "from=2025-07-01&to=2026-06-30";
    private const string UsYear = "from=2025-01-01&to=2025-12-31";

    private static readonly ConditionalWeakTable<AppFixture, Task> Seeded = [];

    // Victoria, 1 July 2024 to 30 June 2025 (V0 on 28 June 2024 and V5 on 1 July 2025 are outside):
    //   V1 written, received Tue 2 Jul 2024; acknowledged Wed 3 Jul (due Fri 5 Jul: in time); answered 1 Aug (due 30 Sep:
    //      in time); upheld, the patient went to the Health Complaints Commissioner; a lesson; survey fair 4, easy 5, respect 5.
    //   V2 email, received Mon 2 Sep 2024; acknowledged Mon 9 Sep (due Thu 5 Sep: late); answered 20 Dec (due 1 or 2 Dec:
    //      late); partly upheld; survey fair 2, easy 1, respect 3.
    //   V3 spoken, received Mon 3 Mar 2025; acknowledged Tue 4 Mar (due Thu 6 Mar, before Labour Day: in time); answered
    //      20 Mar (in time); not upheld.
    //   V4 comment card, received Mon 30 Jun 2025, the year's last day; paused that day; no letter yet: still open.
    // So: received 4 (one by each way); acknowledged in time 2 of 4 = 50.0 %; responded 3, in time 2 of 3 = 66.7 %;
    // paused 1; lessons 1; upheld 1, partly 1, not 1, well-founded 2, open 1, referred 1; surveys 2 answered, means
    // respect (5+3)/2 = 4.0, easy (5+1)/2 = 3.0, fair (4+2)/2 = 3.0.

    [Fact]
    public async Task The_Victorian_practice_s_year_counts_four_complaints_each_way_it_was_handled()
    {
        var page = await PageAsync(TestWorld.Manager, $"/reports/complaints?{VictoriaYear}&practice={fixture.World.Harbourside.Id}");

        Rows(page, "complaints-received").ShouldBe(
        [
            ["Received", "4"],
            ["Spoken", "1"],
            ["Written", "1"],
            ["Email", "1"],
            ["Comment card or letter", "1"],
        ]);
        Rows(page, "complaints-handling").ShouldBe(
        [
            ["Acknowledged within the time", "2"],
            ["Acknowledged within the time, share of those received", "50.0 %"],
            ["Responded", "3"],
            ["Responded within the time", "2"],
            ["Responded within the time, share of those responded", "66.7 %"],
            ["Clock paused at least once (waiting for the patient)", "1"],
            ["Lessons recorded on these cases", "1"],
        ]);
        Rows(page, "complaints-outcomes").ShouldBe(
        [
            ["Upheld", "1"],
            ["Partly upheld", "1"],
            ["Not upheld", "1"],
            ["Well-founded (upheld or partly upheld)", "2"],
            ["Responded, outcome not yet recorded", "0"],
            ["Still open (no final response yet)", "1"],
            ["Referred to the escalation body", "1"],
        ]);
    }

    [Fact]
    public async Task The_Victorian_practice_sees_its_clocks_the_Commissioner_and_the_handling_satisfaction_of_its_surveys()
    {
        var page = await PageAsync(TestWorld.Manager, $"/reports/complaints?{VictoriaYear}&practice={fixture.World.Harbourside.Id}");

        Rows(page, "complaints-required").ShouldBe(
        [
            ["Complaints received", "4"],
            ["Acknowledged within the time", "2"],
            ["Resolved within the time", "2"],
            ["Referred to the Health Complaints Commissioner", "1"],
            ["Handling satisfaction: recovery surveys answered", "2"],
            ["Handling satisfaction: \"treated with respect\", mean of 5", "4.0"],
            ["Handling satisfaction: \"easy and quick\", mean of 5", "3.0"],
            ["Handling satisfaction: \"the outcome was fair\", mean of 5", "3.0"],
        ]);
    }

    [Fact]
    public async Task A_complaint_received_on_30_June_counts_in_the_year_it_ends_and_one_of_1_July_in_the_next()
    {
        var year = await PageAsync(TestWorld.Manager, $"/reports/complaints?{VictoriaYear}&practice={fixture.World.Harbourside.Id}");
        var next = await PageAsync(TestWorld.Manager, $"/reports/complaints?{VictoriaNextYear}&practice={fixture.World.Harbourside.Id}");

        // V4, the comment card of 30 June 2025, is the year's only one by card and its only open one.
        Rows(year, "complaints-received").Single(r => r[0] == "Comment card or letter").ShouldBe(["Comment card or letter", "1"]);
        Rows(year, "complaints-outcomes").Single(r => r[0] == "Still open (no final response yet)").ShouldBe(["Still open (no final response yet)", "1"]);
        // The next year holds only V5, received 1 July 2025 by email.
        Rows(next, "complaints-received").ShouldBe(
        [
            ["Received", "1"],
            ["Spoken", "0"],
            ["Written", "0"],
            ["Email", "1"],
            ["Comment card or letter", "0"],
        ]);
        Rows(next, "complaints-outcomes").Single(r => r[0] == "Still open (no final response yet)").ShouldBe(["Still open (no final response yet)", "1"]);
    }

    [Fact]
    public async Task The_Victorian_CSV_carries_the_same_figures_with_invariant_numbers()
    {
        await SeedAsync();
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var lines = await CsvAsync(manager, $"{VictoriaYear}&practice={fixture.World.Harbourside.Id}");

        const string Row = "Harbourside Dental,2024-07-01,2025-06-30,";
        lines.ShouldContain(Row + "\"Received, by how the complaint was made\",Received,4");
        lines.ShouldContain(Row + "\"Received, by how the complaint was made\",Comment card or letter,1");
        lines.ShouldContain(Row + "Handling,\"Acknowledged within the time, share of those received\",50");
        lines.ShouldContain(Row + "Handling,\"Responded within the time, share of those responded\",66.7");
        lines.ShouldContain(Row + "Outcomes,Well-founded (upheld or partly upheld),2");
        lines.ShouldContain(Row + "Outcomes,Still open (no final response yet),1");
        lines.ShouldContain(Row + "Outcomes,Referred to the escalation body,1");
        lines.ShouldContain(Row + "What the complaint rules ask the practice to report,Referred to the Health Complaints Commissioner,1");
        lines.ShouldContain(Row + "What the complaint rules ask the practice to report,\"Handling satisfaction: \"\"treated with respect\"\", mean of 5\",4");
        lines.ShouldContain(Row + "What the complaint rules ask the practice to report,\"Handling satisfaction: \"\"easy and quick\"\", mean of 5\",3");
    }

    // United States, calendar year 2025 (U0 on 31 December 2024 is outside):
    //   U1 email, received Thu 2 Jan 2025; acknowledged Fri 3 Jan (due Tue 7 Jan: in time); answered 10 Jan (due about
    //      1 Feb: in time); not upheld.
    //   U2 spoken, received Mon 2 Jun 2025; acknowledged Tue 10 Jun (due Thu 5 Jun: late); answered 15 Jul (due 2 Jul:
    //      late); upheld, and the patient went to the Office for Civil Rights on 20 Jul.
    //   U3 written, received Wed 31 Dec 2025, the year's last day: still open.
    // So: received 3; acknowledged in time 1 of 3 = 33.3 %; responded 2, in time 1 of 2 = 50.0 %; upheld 1, not 1,
    // well-founded 1, open 1, referred 1; the record count 3, with a documented disposition 2, kept 6 years.

    [Fact]
    public async Task The_US_practice_s_calendar_year_counts_its_three_complaints_and_its_records_lines()
    {
        var page = await PageAsync(TestWorld.OtherManager, $"/reports/complaints?{UsYear}&practice={fixture.World.Other.Id}");

        Rows(page, "complaints-received").ShouldBe(
        [
            ["Received", "3"],
            ["Spoken", "1"],
            ["Written", "1"],
            ["Email", "1"],
            ["Comment card or letter", "0"],
        ]);
        Rows(page, "complaints-handling").Take(5).ShouldBe(
        [
            ["Acknowledged within the time", "1"],
            ["Acknowledged within the time, share of those received", "33.3 %"],
            ["Responded", "2"],
            ["Responded within the time", "1"],
            ["Responded within the time, share of those responded", "50.0 %"],
        ]);
        Rows(page, "complaints-outcomes").ShouldBe(
        [
            ["Upheld", "1"],
            ["Partly upheld", "0"],
            ["Not upheld", "1"],
            ["Well-founded (upheld or partly upheld)", "1"],
            ["Responded, outcome not yet recorded", "0"],
            ["Still open (no final response yet)", "1"],
            ["Referred to the escalation body", "1"],
        ]);
        Rows(page, "complaints-required").ShouldBe(
        [
            ["Complaint records", "3"],
            ["Complaints with a documented disposition", "2"],
            ["Keep these records for", "6 years from the complaint (45 CFR 164.530(j)(2))"],
        ]);
    }

    [Fact]
    public async Task The_US_CSV_counts_the_complaint_of_31_December_in_its_year()
    {
        await SeedAsync();
        using var manager = await fixture.SignInAsync(TestWorld.OtherManager);
        var lines = await CsvAsync(manager, $"{UsYear}&practice={fixture.World.Other.Id}");

        const string Row = "Other Street Dental,2025-01-01,2025-12-31,";
        lines.ShouldContain(Row + "What the complaint rules ask the practice to report,Complaint records,3");
        lines.ShouldContain(Row + "What the complaint rules ask the practice to report,Complaints with a documented disposition,2");
        lines.ShouldContain(Row + "\"Received, by how the complaint was made\",Written,1");
        lines.ShouldContain(Row + "Handling,\"Acknowledged within the time, share of those received\",33.3");
        lines.ShouldContain(Row + "Outcomes,Referred to the escalation body,1");
    }

    [Fact]
    public async Task Without_dates_the_US_report_covers_the_last_complete_calendar_year()
    {
        var page = await PageAsync(TestWorld.OtherManager, $"/reports/complaints?practice={fixture.World.Other.Id}");

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(NewYork)).DateTime);
        page.QuerySelector("#from")!.GetAttribute("value").ShouldBe($"{today.Year - 1}-01-01");
        page.QuerySelector("#to")!.GetAttribute("value").ShouldBe($"{today.Year - 1}-12-31");
        page.QuerySelector("[data-testid=report-scope]")!.TextContent.ShouldContain("the calendar year, 1 January to 31 December");
    }

    // ---- the data set -----------------------------------------------------------------------------

    private const string NewYork = "America/New_York";

    private Task SeedAsync() => Seeded.GetValue(fixture, f => SeedFixedSetAsync(f.App, f.World));

    private static async Task SeedFixedSetAsync(AppFactory app, TestWorld world)
    {
        await app.WithDbAsync(async db =>
        {
            var practice = await db.Practices.Include(p => p.Stages).Include(p => p.Categories).SingleAsync(p => p.Id == world.Harbourside.Id);
            practice.ChangeWorkingDaysAndComplaints(WorkingDays.Days(practice.OpeningDays), practice.ClosureDays, new ComplaintSettings(JurisdictionProfiles.Victoria.Id, null, null, null));
            var seed = new ReportsSeed(db, practice);
            var template = Template(db, practice);

            Complaint(seed, practice, D(2024, 6, 28), ComplaintChannel.Written);

            var v1 = Complaint(seed, practice, D(2024, 7, 2), ComplaintChannel.Written);
            Letter(v1, template, practice, LetterPurpose.ComplaintAcknowledgement, D(2024, 7, 3));
            Letter(v1, template, practice, LetterPurpose.ComplaintResponse, D(2024, 8, 1));
            v1.RecordComplaintOutcome(Manager, ComplaintFinding.Upheld, true, D(2024, 8, 15), practice, At(practice, D(2024, 8, 16)));
            v1.RecordLesson(Manager, "Tell the patient what happens next, in writing.", At(practice, D(2024, 8, 16)));
            Survey(db, v1, (4, 5, 5), At(practice, D(2024, 8, 20)));

            var v2 = Complaint(seed, practice, D(2024, 9, 2), ComplaintChannel.Email);
            Letter(v2, template, practice, LetterPurpose.ComplaintAcknowledgement, D(2024, 9, 9));
            Letter(v2, template, practice, LetterPurpose.ComplaintResponse, D(2024, 12, 20));
            v2.RecordComplaintOutcome(Manager, ComplaintFinding.PartlyUpheld, false, null, practice, At(practice, D(2024, 12, 21)));
            Survey(db, v2, (2, 1, 3), At(practice, D(2024, 12, 28)));

            var v3 = Complaint(seed, practice, D(2025, 3, 3), ComplaintChannel.Spoken);
            Letter(v3, template, practice, LetterPurpose.ComplaintAcknowledgement, D(2025, 3, 4));
            Letter(v3, template, practice, LetterPurpose.ComplaintResponse, D(2025, 3, 20));
            v3.RecordComplaintOutcome(Manager, ComplaintFinding.NotUpheld, false, null, practice, At(practice, D(2025, 3, 21)));

            var v4 = Complaint(seed, practice, D(2025, 6, 30), ComplaintChannel.CommentCardOrLetter);
            v4.PauseComplaintClock(Manager, D(2025, 6, 30), "Waiting for the patient's records", practice, At(practice, D(2025, 6, 30)));

            Complaint(seed, practice, D(2025, 7, 1), ComplaintChannel.Email);
            await db.SaveChangesAsync();

            var other = await db.Practices.Include(p => p.Stages).Include(p => p.Categories).SingleAsync(p => p.Id == world.Other.Id);
            other.ChangeDetails(other.Details with { TimeZoneId = NewYork });
            other.ChangeWorkingDaysAndComplaints(WorkingDays.Days(other.OpeningDays), other.ClosureDays, new ComplaintSettings(JurisdictionProfiles.UnitedStates.Id, null, null, null));
            var us = new ReportsSeed(db, other);
            var usTemplate = Template(db, other);

            Complaint(us, other, D(2024, 12, 31), ComplaintChannel.Spoken);

            var u1 = Complaint(us, other, D(2025, 1, 2), ComplaintChannel.Email);
            Letter(u1, usTemplate, other, LetterPurpose.ComplaintAcknowledgement, D(2025, 1, 3));
            Letter(u1, usTemplate, other, LetterPurpose.ComplaintResponse, D(2025, 1, 10));
            u1.RecordComplaintOutcome(Manager, ComplaintFinding.NotUpheld, false, null, other, At(other, D(2025, 1, 11)));

            var u2 = Complaint(us, other, D(2025, 6, 2), ComplaintChannel.Spoken);
            Letter(u2, usTemplate, other, LetterPurpose.ComplaintAcknowledgement, D(2025, 6, 10));
            Letter(u2, usTemplate, other, LetterPurpose.ComplaintResponse, D(2025, 7, 15));
            u2.RecordComplaintOutcome(Manager, ComplaintFinding.Upheld, true, D(2025, 7, 20), other, At(other, D(2025, 7, 21)));

            Complaint(us, other, D(2025, 12, 31), ComplaintChannel.Written);
            return await db.SaveChangesAsync();
        });
    }

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    /// <summary>Midday of <paramref name="day"/> at the practice, so the letter's date is that day in the practice's zone.</summary>
    private static DateTimeOffset At(Practice practice, DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(12, 0)), TimeZoneInfo.FindSystemTimeZoneById(practice.TimeZoneId)), TimeSpan.Zero);

    private static LetterTemplate Template(AppDbContext db, Practice practice)
    {
        var template = LetterTemplate.Create(practice.Id, LetterKind.Custom, "Complaint letter", "Your complaint", "Dear patient,", Manager, Utc(2024, 1, 1));
        db.LetterTemplates.Add(template);
        return template;
    }

    private static RecoveryCase Complaint(ReportsSeed seed, Practice practice, DateOnly received, ComplaintChannel channel)
    {
        var recoveryCase = seed.Case(At(practice, received).AddDays(-2), "Waiting");
        recoveryCase.MarkFormalComplaint(FrontDesk, received, channel, null, practice, At(practice, received));
        return recoveryCase;
    }

    private static void Letter(RecoveryCase recoveryCase, LetterTemplate template, Practice practice, LetterPurpose purpose, DateOnly on) =>
        recoveryCase.RecordLetter(FrontDesk, purpose, LetterChannel.Letter, template.Versions[0], "Your complaint", "Dear patient,", null, At(practice, on), practice);

    private static void Survey(AppDbContext db, RecoveryCase recoveryCase, (int Fair, int Easy, int Respect) answer, DateTimeOffset answeredAt)
    {
        var survey = RecoverySurvey.Issue(recoveryCase, recoveryCase.Defect.PatientId!.Value, Guid.NewGuid().ToString("N"), answeredAt.AddDays(-1));
        survey.Answer(answer.Fair, answer.Easy, answer.Respect, 8, null, answeredAt);
        db.Surveys.Add(survey);
    }

    private async Task<IHtmlDocument> PageAsync(string email, string url)
    {
        await SeedAsync();
        using var client = await fixture.SignInAsync(email);
        return await client.GetPageAsync(url);
    }

    private static async Task<string[]> CsvAsync(WebClient client, string query)
    {
        var response = await client.Http.GetAsync($"/reports/complaints?handler=Csv&{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3).Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
    }

    private static List<string[]> Rows(IHtmlDocument page, string figure)
    {
        var table = page.QuerySelector($"[data-testid=table-{figure}]")
            ?? throw new InvalidOperationException($"No table for {figure}: {page.QuerySelector("#error-summary")?.TextContent ?? page.QuerySelector("[data-testid=empty-state]")?.TextContent}");
        return table.QuerySelectorAll("tbody tr").Select(tr => tr.Children.Select(cell => cell.TextContent.Trim()).ToArray()).ToList();
    }
}
