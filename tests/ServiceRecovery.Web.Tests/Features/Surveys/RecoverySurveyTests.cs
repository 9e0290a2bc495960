using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Surveys;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Tests.Features.Notifications;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Surveys;

/// <summary>The recovery survey: sent when a case resolves, answered once on its public page, shown on the case, alerting on a low answer.</summary>
public sealed partial class RecoverySurveyTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 3, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Resolving_a_case_with_a_patient_email_sends_one_survey_email_whose_link_opens_the_survey()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var test = await EmailTestApp.StartAsync(Start, sink.Settings);
        var manager = await test.ActorAsync(TestWorld.Manager);
        var last = ServiceSteps.InOrder[^1];
        var opened = await test.OpenCaseAsync(TestWorld.Manager, work: (c, at) =>
        {
            foreach (var step in ServiceSteps.InOrder.Where(s => s != last))
            {
                c.Skip(step, "Handled at the desk", manager, at);
            }
        });
        using var staff = await WebClient.SignedInAsync(test.App, TestWorld.Manager);
        await new CasePage(staff, $"/cases/{opened.Id}").SubmitAsync("#skip-form", new() { ["Skip.Step"] = last.ToString(), ["Skip.Reason"] = "Nothing more to do" });

        (await IssueAsync(test)).ShouldBe(1);
        (await IssueAsync(test)).ShouldBe(0, "one survey per case, however often the sweep runs");
        await test.SendAsync();

        var email = sink.Messages().ShouldHaveSingleItem();
        email.To.ToString().ShouldBe("zephyrine@example.test");
        email.Subject.ShouldBe($"How did we do? {test.World.Harbourside.Name}");
        (email.TextBody ?? "").ShouldContain("Dear Zephyrine,");
        (email.TextBody + email.HtmlBody).ShouldNotContain("Quillfeather", customMessage: "the first name only");
        var token = LinkToken().Match(email.TextBody ?? "").Groups[1].Value;
        token.Length.ShouldBe(SecretToken.Length);
        (email.HtmlBody ?? "").ShouldContain($"/survey/{token}");

        var stored = await test.WithDbAsync(db => db.Surveys.AsNoTracking().SingleAsync());
        stored.TokenHash.ShouldBe(SecretToken.Hash(token), "only the token's hash is stored");
        var outbox = (await test.OutboxAsync()).Single(m => m.Kind == EmailKind.RecoverySurvey);
        outbox.TextBody.ShouldNotContain(token);
        outbox.SecretLink.ShouldBeNull("the single-use link is not kept after sending");

        using var patient = Anonymous(test);
        var page = await patient.GetPageAsync($"/survey/{token}");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Hello Zephyrine, how did we do?");
        page.QuerySelector("[data-testid=survey-practice]")!.TextContent.ShouldBe(test.World.Harbourside.Name);
        page.Body!.TextContent.ShouldNotContain("Quillfeather");
        page.QuerySelectorAll("#survey-form fieldset legend").Select(l => l.TextContent).ShouldBe(
            ["The outcome was fair", "Putting it right was easy and quick", "I was treated with respect", "How likely are you to recommend us to a friend?"]);
        page.QuerySelector("label[for=Input_OutcomeFair]")!.TextContent.ShouldBe("Strongly disagree");

        var casePage = await staff.GetPageAsync($"/cases/{opened.Id}");
        casePage.QuerySelector("[data-testid=timeline]")!.TextContent.ShouldContain("Survey sent");
        casePage.QuerySelector("[data-testid=survey-state]")!.TextContent.ShouldContain("not answered yet");
    }

    [Fact]
    public async Task A_withdrawn_case_or_a_patient_surveyed_30_days_ago_gets_no_survey()
    {
        await using var test = await EmailTestApp.StartAsync(Start);
        var manager = await test.ActorAsync(TestWorld.Manager);
        await test.OpenCaseAsync(TestWorld.Manager, work: (c, at) => c.Withdraw(manager, "Logged twice", at));
        var earlier = await test.OpenCaseAsync(TestWorld.Manager, age: TimeSpan.FromDays(31), work: (c, at) => SkipAll(c, manager, at));
        var patientId = earlier.Defect.PatientId!.Value;
        await test.WithDbAsync(async db =>
        {
            var old = await db.Cases.IgnoreQueryFilters().SingleAsync(c => c.Id == earlier.Id);
            db.Surveys.Add(RecoverySurvey.Issue(old, patientId, SecretToken.New(), Start.AddDays(-30)));
            // The same patient's second case, resolved today.
            var practice = await db.Practices.IgnoreQueryFilters().Include(p => p.Stages).Include(p => p.Categories).AsSplitQuery().SingleAsync(p => p.Id == test.World.Harbourside.Id);
            var defect = ServiceDefect.Log(practice.Id, patientId, practice.Stages[0], practice.Categories[0], Severity.Minor, DefectChannel.InPerson,
                Start.AddMinutes(-5), "Waited again", manager, Start);
            var again = RecoveryCase.Open(practice, new CaseReference(2026, 901), defect, manager, Start);
            SkipAll(again, manager, Start);
            db.Defects.Add(defect);
            db.Cases.Add(again);
            return await db.SaveChangesAsync();
        });

        (await IssueAsync(test)).ShouldBe(0);
        (await test.OutboxAsync()).ShouldNotContain(m => m.Kind == EmailKind.RecoverySurvey);
        (await test.WithDbAsync(db => db.Surveys.CountAsync())).ShouldBe(1, "only the survey of 30 days ago");
    }

    [Fact]
    public async Task Older_cases_of_a_patient_surveyed_lately_never_hold_a_newer_case_back_from_its_survey()
    {
        await using var test = await EmailTestApp.StartAsync(Start);
        var manager = await test.ActorAsync(TestWorld.Manager);
        var earlier = await test.OpenCaseAsync(TestWorld.Manager, age: TimeSpan.FromDays(31), work: (c, at) => SkipAll(c, manager, at));
        var patientId = earlier.Defect.PatientId!.Value;
        await test.WithDbAsync(async db =>
        {
            var old = await db.Cases.IgnoreQueryFilters().SingleAsync(c => c.Id == earlier.Id);
            db.Surveys.Add(RecoverySurvey.Issue(old, patientId, SecretToken.New(), Start.AddDays(-30)));
            // More of that patient's cases resolved two days ago than one sweep takes: none may be surveyed, and none may fill the batch.
            var practice = await db.Practices.IgnoreQueryFilters().Include(p => p.Stages).Include(p => p.Categories).AsSplitQuery().SingleAsync(p => p.Id == test.World.Harbourside.Id);
            for (var i = 0; i <= SurveyIssuer.BatchSize; i++)
            {
                var at = Start.AddDays(-2);
                var defect = ServiceDefect.Log(practice.Id, patientId, practice.Stages[0], practice.Categories[0], Severity.Minor, DefectChannel.InPerson,
                    at.AddMinutes(-5), "Waited again", manager, at);
                var again = RecoveryCase.Open(practice, new CaseReference(2026, 1000 + i), defect, manager, at);
                SkipAll(again, manager, at);
                db.Defects.Add(defect);
                db.Cases.Add(again);
            }

            return await db.SaveChangesAsync();
        });
        var newer = await test.OpenCaseAsync(TestWorld.Manager, work: (c, at) => SkipAll(c, manager, at));

        (await IssueAsync(test)).ShouldBe(1);
        (await test.WithDbAsync(db => db.Surveys.Where(s => s.PatientId != patientId).Select(s => s.CaseId).ToListAsync())).ShouldBe([newer.Id]);
    }

    [Fact]
    public async Task The_link_answered_twice_records_one_answer()
    {
        await using var test = await EmailTestApp.StartAsync(Start);
        var (caseId, token) = await ResolvedWithSurveyAsync(test);
        using var patient = Anonymous(test);
        var page = await patient.GetPageAsync($"/survey/{token}");

        var first = await patient.SubmitAsync(page, "#survey-form", Answers(4, 5, 5, 9, "Thank you for sorting it out"));
        var second = await patient.SubmitAsync(page, "#survey-form", Answers(1, 1, 1, 0, "Changed my mind"));

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        first.Headers.Location!.ToString().ShouldBe("/survey/thanks");
        second.StatusCode.ShouldBe(HttpStatusCode.Redirect, "a double click or the back button gets the thanks again");
        var survey = await test.WithDbAsync(db => db.Surveys.AsNoTracking().SingleAsync());
        (survey.OutcomeFair, survey.Recommend, survey.Comment).ShouldBe((4, 9, "Thank you for sorting it out"));
        (await test.WithDbAsync(db => db.Timeline.CountAsync(e => e.CaseId == caseId && e.Kind == TimelineEventKind.SurveyAnswered))).ShouldBe(1);
        (await test.OutboxAsync()).ShouldNotContain(m => m.Kind == EmailKind.LowSurvey, "the second, low answer was never recorded");

        var again = await patient.Http.GetAsync($"/survey/{token}");
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await WebClient.ParseAsync(again)).QuerySelector("h1")!.TextContent.ShouldBe(SurveyModel.GoneMessage);
    }

    [Fact]
    public async Task A_forged_token_and_an_expired_one_show_the_used_or_expired_page_not_a_500()
    {
        await using var test = await EmailTestApp.StartAsync(Start);
        var (_, token) = await ResolvedWithSurveyAsync(test);
        using var patient = Anonymous(test);
        var page = await patient.GetPageAsync($"/survey/{token}");

        foreach (var forged in new[] { SecretToken.New(), "x", token[..^1] + (token[^1] == 'A' ? 'B' : 'A'), new string('%', 43) })
        {
            var response = await patient.Http.GetAsync($"/survey/{Uri.EscapeDataString(forged)}");
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, forged);
            (await WebClient.ParseAsync(response)).QuerySelector("h1")!.TextContent.ShouldBe(SurveyModel.GoneMessage);
        }

        test.Clock.Advance(RecoverySurvey.Lifetime);
        var expired = await patient.Http.GetAsync($"/survey/{token}");
        expired.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await WebClient.ParseAsync(expired)).QuerySelector("h1")!.TextContent.ShouldBe(SurveyModel.GoneMessage);
        var late = await patient.SubmitAsync(page, "#survey-form", Answers(5, 5, 5, 10, null));
        late.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await WebClient.ParseAsync(late)).QuerySelector("h1")!.TextContent.ShouldBe(SurveyModel.GoneMessage);
        (await test.WithDbAsync(db => db.Surveys.AsNoTracking().SingleAsync())).AnsweredAt.ShouldBeNull();
    }

    [Fact]
    public async Task A_6_on_a_1_to_5_question_is_refused_beside_the_field_and_nothing_is_stored()
    {
        await using var test = await EmailTestApp.StartAsync(Start);
        var (_, token) = await ResolvedWithSurveyAsync(test);
        using var patient = Anonymous(test);
        var page = await patient.GetPageAsync($"/survey/{token}");

        var response = await patient.SubmitAsync(page, "#survey-form", Answers(6, 5, 5, 9, "Kept as typed"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await WebClient.ParseAsync(response);
        shown.QuerySelector("#OutcomeFair-error")!.TextContent.ShouldContain("Choose how fair the outcome was: a number from 1 to 5.");
        shown.QuerySelector("#error-summary")!.TextContent.ShouldContain("how fair the outcome was");
        ((IHtmlTextAreaElement)shown.QuerySelector("#Input_Comment")!).Value.ShouldBe("Kept as typed");
        ((IHtmlInputElement)shown.QuerySelector("#EasyAndQuick-5")!).IsChecked.ShouldBeTrue("what was chosen stays chosen");
        (await test.WithDbAsync(db => db.Surveys.AsNoTracking().SingleAsync())).AnsweredAt.ShouldBeNull();
    }

    [Fact]
    public async Task The_answer_shows_on_the_case_timeline_and_the_comment_on_the_case_page()
    {
        await using var test = await EmailTestApp.StartAsync(Start);
        var (caseId, token) = await ResolvedWithSurveyAsync(test);
        using var patient = Anonymous(test);
        (await patient.SubmitAsync($"/survey/{token}", "#survey-form", Answers(4, 5, 5, 9, "Lovely team"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var staff = await WebClient.SignedInAsync(test.App, TestWorld.FrontDesk);
        var page = await staff.GetPageAsync($"/cases/{caseId}");
        page.QuerySelector("[data-testid=timeline]")!.TextContent.ShouldContain("Survey answered: outcome 4/5, ease 5/5, respect 5/5, recommend 9/10");
        page.QuerySelector("[data-testid=timeline]")!.TextContent.ShouldNotContain("Lovely team");
        page.QuerySelector("[data-testid=survey-comment]")!.TextContent.ShouldContain("Lovely team");
        page.QuerySelector("[data-testid=survey-state]")!.TextContent.ShouldStartWith("Answered");
        page.QuerySelector("[data-testid=survey-low]").ShouldBeNull();
        (await test.OutboxAsync()).ShouldNotContain(m => m.Kind == EmailKind.LowSurvey);
    }

    [Fact]
    public async Task A_low_answer_emails_the_owner_and_the_managers_without_patient_details_and_offers_the_manager_a_reopen()
    {
        await using var test = await EmailTestApp.StartAsync(Start);
        var (caseId, token) = await ResolvedWithSurveyAsync(test, owner: TestWorld.FrontDesk, close: true);
        using var patient = Anonymous(test);
        (await patient.SubmitAsync($"/survey/{token}", "#survey-form", Answers(4, 4, 4, 6, "Zephyrine here: still unhappy"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var alerts = (await test.OutboxAsync()).Where(m => m.Kind == EmailKind.LowSurvey).ToList();
        alerts.Select(m => m.RecipientAddress).ShouldBe([TestWorld.Administrator, TestWorld.FrontDesk, TestWorld.Manager], ignoreOrder: true);
        var reference = await test.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Reference).SingleAsync());
        foreach (var alert in alerts)
        {
            alert.Subject.ShouldContain(reference);
            alert.TextBody.ShouldContain($"/cases/{caseId}");
            foreach (var text in new[] { alert.Subject, alert.TextBody, alert.HtmlBody })
            {
                text.ShouldNotContain("Zephyrine");
                text.ShouldNotContain("zephyrine@");
                text.ShouldNotContain("unhappy");
            }
        }

        using var manager = await WebClient.SignedInAsync(test.App, TestWorld.Manager);
        var page = await manager.GetPageAsync($"/cases/{caseId}");
        page.QuerySelector("[data-testid=survey-low]")!.TextContent.ShouldContain("reopening the case");
        ((IHtmlInputElement)page.QuerySelector("#reopen-form input[name='Reopen.Reason']")!).Value.ShouldBe("The recovery survey came back low");
        await new CasePage(manager, $"/cases/{caseId}").SubmitAsync("#reopen-form", []);
        (await test.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Status).SingleAsync())).ShouldBe(CaseStatus.Open);
    }

    [Fact]
    public async Task The_survey_token_never_appears_in_the_logs()
    {
        await using var test = await EmailTestApp.StartAsync(Start);
        var (_, token) = await ResolvedWithSurveyAsync(test);
        using var patient = Anonymous(test);
        await patient.GetPageAsync($"/survey/{token}");
        await patient.SubmitAsync($"/survey/{token}", "#survey-form", Answers(5, 5, 5, 10, null));

        var logs = await test.App.ReadLogsAsync();
        logs.ShouldContain("/survey/(token)");
        logs.ShouldNotContain(token);
        logs.ShouldNotContain("zephyrine@example.test");
    }

    private static void SkipAll(RecoveryCase c, Actor manager, DateTimeOffset at)
    {
        foreach (var step in ServiceSteps.InOrder)
        {
            c.Skip(step, "Handled at the desk", manager, at);
        }
    }

    /// <summary>A resolved case (closed too, if asked) and its survey issued; the token as the email's link carries it.</summary>
    private static async Task<(Guid CaseId, string Token)> ResolvedWithSurveyAsync(EmailTestApp test, string owner = TestWorld.Manager, bool close = false)
    {
        var manager = await test.ActorAsync(TestWorld.Manager);
        var opened = await test.OpenCaseAsync(owner, work: (c, at) =>
        {
            SkipAll(c, manager, at);
            if (close)
            {
                c.Close(manager, at);
            }
        });
        (await IssueAsync(test)).ShouldBe(1);
        var link = (await test.OutboxAsync()).Single(m => m.Kind == EmailKind.RecoverySurvey).SecretLink!;
        return (opened.Id, LinkToken().Match(link).Groups[1].Value);
    }

    private static async Task<int> IssueAsync(EmailTestApp test)
    {
        await using var scope = test.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
        return await scope.ServiceProvider.GetRequiredService<SurveyIssuer>().RunAsync(CancellationToken.None);
    }

    private static WebClient Anonymous(EmailTestApp test) =>
        new(test.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    private static Dictionary<string, string?> Answers(int outcome, int ease, int respect, int recommend, string? comment) => new()
    {
        ["Input.OutcomeFair"] = outcome.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.EasyAndQuick"] = ease.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.TreatedWithRespect"] = respect.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Recommend"] = recommend.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Comment"] = comment ?? "",
    };

    [GeneratedRegex(@"/survey/([A-Za-z0-9_-]+)")]
    private static partial Regex LinkToken();
}
