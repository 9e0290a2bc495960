using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Retention;
using ServiceRecovery.Web.Features.Surveys;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Tests.Features.Notifications;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Retention;

/// <summary>The retention job on a fake clock: patient details removed on the day the rule says, recorded once, nothing else lost.</summary>
public sealed class RetentionTests
{
    /// <summary>12 noon on 3 November 2026 in Sydney, Harbourside's time zone.</summary>
    private static readonly DateTimeOffset Start = new(2026, 11, 3, 1, 0, 0, TimeSpan.Zero);

    private const string Removed = "Details removed under the retention rule";

    [Fact]
    public async Task A_closed_case_s_patient_keeps_their_details_until_the_seventh_anniversary_and_loses_them_that_day_with_one_timeline_event_and_audit()
    {
        await using var test = await StartWithProfileAsync();
        var closed = await ClosedCaseAsync(test, withLetter: true);
        await IssueSurveyAsync(test);
        var letterId = closed.Letters.ShouldHaveSingleItem().Id;
        var patientId = closed.Defect.PatientId!.Value;

        test.Clock.SetUtcNow(LocalMidnight(test, new DateOnly(2033, 11, 3)).AddSeconds(-1));
        (await RunAsync(test)).Patients.ShouldBe(0, "2 November 2033 in Sydney is a day short of seven years");
        (await PatientAsync(test, patientId)).DisplayName.ShouldBe(EmailTestApp.PatientName);

        test.Clock.SetUtcNow(LocalMidnight(test, new DateOnly(2033, 11, 3)));
        (await RunAsync(test)).ShouldBe(new RetentionSweep.Result(1, 1));

        var patient = await PatientAsync(test, patientId);
        patient.DisplayName.ShouldBe(Removed);
        (patient.Phone, patient.Email, patient.PhoneE164, patient.ExternalId).ShouldBe((null, null, null, null));
        patient.DetailsRemovedAt.ShouldBe(test.Clock.GetUtcNow());
        var timeline = await test.WithDbAsync(db => db.Timeline.AsNoTracking().Where(e => e.CaseId == closed.Id && e.Kind == TimelineEventKind.PatientDetailsRemoved).ToListAsync());
        timeline.ShouldHaveSingleItem().Detail.ShouldBe("Patient details removed under the retention rule (Australia (other states) and New Zealand, 7 years)");
        timeline[0].ActorName.ShouldBe("Retention rule");
        var audit = await test.WithDbAsync(db => db.Audit.AsNoTracking().Where(a => a.Kind == AuditKind.PatientDetailsRemoved || a.Kind == AuditKind.RetentionRun).ToListAsync());
        audit.Count(a => a.Kind == AuditKind.RetentionRun).ShouldBe(1);
        audit.Single(a => a.Kind == AuditKind.PatientDetailsRemoved).Detail.ShouldContain(patientId.ToString());
        audit.ShouldAllBe(a => !a.Detail.Contains("Zephyrine") && !a.Detail.Contains("0499") && !a.Detail.Contains("example.test"));

        var letter = await test.WithDbAsync(db => db.Cases.AsNoTracking().Where(c => c.Id == closed.Id).SelectMany(c => c.Letters).SingleAsync(l => l.Id == letterId));
        (letter.Subject, letter.Text).ShouldBe(("Removed under the retention rule", "Removed under the retention rule"));
        var outbox = await test.OutboxAsync();
        outbox.ShouldNotBeEmpty();
        outbox.Where(m => m.Kind is EmailKind.RecoverySurvey or EmailKind.PatientLetter).ShouldAllBe(m =>
            m.RecipientAddress == "" && !m.TextBody.Contains("Zephyrine") && !m.HtmlBody.Contains("Zephyrine") && !m.Subject.Contains("Zephyrine"));
        var survey = await test.WithDbAsync(db => db.Surveys.AsNoTracking().SingleAsync());
        survey.Comment.ShouldBe("Removed under the retention rule");
        survey.Recommend.ShouldBe(9, "the scores stay, as figures");

        var second = await RunAsync(test);
        second.ShouldBe(new RetentionSweep.Result(0, 0), "a second run removes nothing more");
        (await test.WithDbAsync(db => db.Timeline.CountAsync(e => e.Kind == TimelineEventKind.PatientDetailsRemoved))).ShouldBe(1);
        (await test.WithDbAsync(db => db.Audit.CountAsync(a => a.Kind == AuditKind.RetentionRun || a.Kind == AuditKind.PatientDetailsRemoved))).ShouldBe(2);
    }

    [Fact]
    public async Task Removing_a_patient_s_details_leaves_the_kept_report_months_equal_to_a_recount_and_unchanged()
    {
        await using var test = await StartWithProfileAsync();
        var closed = await ClosedCaseAsync(test, withLetter: true);
        var practiceId = test.World.Harbourside.Id;
        await KeptReportMonths.KeepAllAsync(test.App);
        var before = await KeptReportMonths.KeptAsync(test.App, practiceId);
        before.ShouldNotBeEmpty();
        before.ShouldBe(await KeptReportMonths.RecountAsync(test.App, practiceId));

        test.Clock.SetUtcNow(LocalMidnight(test, new DateOnly(2033, 11, 3)));
        (await RunAsync(test)).ShouldBe(new RetentionSweep.Result(1, 1));
        (await test.WithDbAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == closed.Defect.PatientId))).DisplayName.ShouldBe(Removed);
        await KeptReportMonths.KeepAllAsync(test.App);

        (await KeptReportMonths.KeptAsync(test.App, practiceId)).ShouldBe(await KeptReportMonths.RecountAsync(test.App, practiceId), "the kept months equal a recount after the removal");
        (await KeptReportMonths.KeptAsync(test.App, practiceId)).ShouldBe(before, "the rule removes who the patient was, not what happened: the figures stay");
    }

    [Fact]
    public async Task A_New_Zealand_practice_keeps_the_details_ten_years_as_its_regulations_ask_not_the_profile_s_seven()
    {
        await using var test = await StartWithProfileAsync(HolidayRegion.NewZealand);
        var closed = await ClosedCaseAsync(test);
        var patientId = closed.Defect.PatientId!.Value;

        test.Clock.SetUtcNow(LocalMidnight(test, new DateOnly(2033, 11, 3)));
        (await RunAsync(test)).Patients.ShouldBe(0, "seven years on, a New Zealand practice still keeps them");
        (await PatientAsync(test, patientId)).DisplayName.ShouldBe(EmailTestApp.PatientName);

        test.Clock.SetUtcNow(LocalMidnight(test, new DateOnly(2036, 11, 3)));
        (await RunAsync(test)).ShouldBe(new RetentionSweep.Result(1, 1));
        var timeline = await test.WithDbAsync(db => db.Timeline.AsNoTracking().Where(e => e.CaseId == closed.Id && e.Kind == TimelineEventKind.PatientDetailsRemoved).ToListAsync());
        timeline.ShouldHaveSingleItem().Detail.ShouldBe("Patient details removed under the retention rule (Australia (other states) and New Zealand, 10 years)");
    }

    [Fact]
    public async Task A_patient_with_a_case_still_open_keeps_their_details_however_old_the_closed_one_is()
    {
        await using var test = await StartWithProfileAsync();
        var closed = await ClosedCaseAsync(test);
        var patientId = closed.Defect.PatientId!.Value;
        await SecondCaseOfAsync(test, patientId);

        test.Clock.SetUtcNow(Start.AddYears(20));
        (await RunAsync(test)).Patients.ShouldBe(0);

        (await PatientAsync(test, patientId)).DisplayName.ShouldBe(EmailTestApp.PatientName);
    }

    [Fact]
    public async Task A_practice_without_a_complaint_profile_keeps_its_patients_details()
    {
        await using var test = await StartWithProfileAsync();
        var other = await ClosedCaseAsync(test, test.World.Other.Id);

        test.Clock.SetUtcNow(Start.AddYears(20));
        (await RunAsync(test)).Patients.ShouldBe(0);

        (await PatientAsync(test, other.Defect.PatientId!.Value)).DisplayName.ShouldBe(EmailTestApp.PatientName);
    }

    [Fact]
    public async Task After_removal_the_case_page_reports_queue_and_export_still_open_and_show_the_neutral_name()
    {
        await using var test = await StartWithProfileAsync();
        var closed = await ClosedCaseAsync(test);
        test.Clock.SetUtcNow(Start.AddYears(8));
        (await RunAsync(test)).Patients.ShouldBe(1);

        using var manager = await WebClient.SignedInAsync(test.App, TestWorld.Manager);
        var page = await manager.GetPageAsync($"/cases/{closed.Id}");
        page.Body!.TextContent.ShouldContain(Removed);
        page.Body.TextContent.ShouldNotContain("Zephyrine");
        page.QuerySelector("[data-testid=timeline]")!.TextContent.ShouldContain("Patient details removed under the retention rule");
        (await manager.Http.GetAsync("/reports")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await manager.Http.GetAsync("/queue")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var export = await manager.SubmitAsync($"/patients/{closed.Defect.PatientId}", "#export-form", []);
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var file = await export.Content.ReadAsStringAsync();
        file.ShouldContain(Removed);
        file.ShouldContain("detailsRemovedAt");
        file.ShouldNotContain("Zephyrine");
    }

    private static async Task<EmailTestApp> StartWithProfileAsync(HolidayRegion region = HolidayRegion.NewSouthWales)
    {
        var test = await EmailTestApp.StartAsync(Start);
        await test.WithDbAsync(async db =>
        {
            var practice = await db.Practices.SingleAsync(p => p.Id == test.World.Harbourside.Id);
            practice.ChangeWorkingDaysAndComplaints(WorkingDays.Days(WorkingDays.DefaultOpeningDays), null,
                new ComplaintSettings(JurisdictionProfiles.AustraliaNewZealandOther.Id, region, null, null));
            return await db.SaveChangesAsync();
        });
        return test;
    }

    private static DateTimeOffset LocalMidnight(EmailTestApp test, DateOnly day) => test.World.Harbourside.Locale.FromLocal(day.ToDateTime(TimeOnly.MinValue));

    /// <summary>A case of the test patient in Harbourside (or <paramref name="practiceId"/>), every step skipped, closed now; with an outcome email when asked.</summary>
    private static async Task<RecoveryCase> ClosedCaseAsync(EmailTestApp test, Guid? practiceId = null, bool withLetter = false)
    {
        var manager = await test.ActorAsync(TestWorld.Administrator);
        return await test.WithDbAsync(async db =>
        {
            var id = practiceId ?? test.World.Harbourside.Id;
            var now = test.Clock.GetUtcNow();
            var practice = await db.Practices.Include(p => p.Stages).Include(p => p.Categories).AsSplitQuery().SingleAsync(p => p.Id == id);
            var patient = Patient.Create(id, EmailTestApp.PatientName, EmailTestApp.PatientPhone, "zephyrine@example.test", "PMS-4242", now, "AU");
            var defect = ServiceDefect.Log(id, patient.Id, practice.Stages[0], practice.Categories[0], Severity.Major, DefectChannel.InPerson,
                now.AddMinutes(-5), EmailTestApp.Description, manager, now);
            var c = RecoveryCase.Open(practice, new CaseReference(now.Year, Random.Shared.Next(1000, 9999)), defect, manager, now);
            foreach (var step in ServiceSteps.InOrder)
            {
                c.Skip(step, "Handled at the desk", manager, now);
            }

            if (withLetter)
            {
                var template = LetterTemplate.Create(id, LetterKind.Apology, "Apology", "We are sorry", "Dear {{ patient.first_name }},", manager, now);
                db.LetterTemplates.Add(template);
                var email = c.RecordLetter(manager, LetterPurpose.Outcome, LetterChannel.Email, template.Versions[0], "Sorry, Zephyrine",
                    "Dear Zephyrine Quillfeather, 1 Harbour Road", l => OutboxMessage.Create(id, EmailKind.PatientLetter, $"patient-letter:{l.Id:N}", null,
                        "zephyrine@example.test", "Sorry, Zephyrine", "Dear Zephyrine Quillfeather", "<p>Dear Zephyrine Quillfeather</p>", now), now).Email;
                db.Outbox.Add(email!);
            }

            c.Close(manager, now);
            db.Patients.Add(patient);
            db.Defects.Add(defect);
            db.Cases.Add(c);
            await db.SaveChangesAsync();
            return c;
        });
    }

    private static async Task SecondCaseOfAsync(EmailTestApp test, Guid patientId)
    {
        var manager = await test.ActorAsync(TestWorld.Manager);
        await test.WithDbAsync(async db =>
        {
            var practice = await db.Practices.Include(p => p.Stages).Include(p => p.Categories).AsSplitQuery().SingleAsync(p => p.Id == test.World.Harbourside.Id);
            var defect = ServiceDefect.Log(practice.Id, patientId, practice.Stages[0], practice.Categories[0], Severity.Minor, DefectChannel.InPerson,
                Start.AddMinutes(-5), "Waited again", manager, Start);
            db.Defects.Add(defect);
            db.Cases.Add(RecoveryCase.Open(practice, new CaseReference(2026, 901), defect, manager, Start));
            return await db.SaveChangesAsync();
        });
    }

    /// <summary>The survey of the closed case, sent and answered, so its email and comment hold the patient's words.</summary>
    private static async Task IssueSurveyAsync(EmailTestApp test)
    {
        await using var scope = test.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
        (await scope.ServiceProvider.GetRequiredService<SurveyIssuer>().RunAsync(CancellationToken.None)).ShouldBe(1);
        await test.WithDbAsync(async db =>
        {
            var survey = await db.Surveys.SingleAsync();
            survey.Answer(4, 4, 5, 9, "Zephyrine here, thanks", test.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
    }

    private static async Task<RetentionSweep.Result> RunAsync(EmailTestApp test) =>
        (await test.App.Services.GetRequiredService<RetentionService>().RunOnceAsync(CancellationToken.None))!;

    private static Task<Patient> PatientAsync(EmailTestApp test, Guid id) => test.WithDbAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == id));
}
