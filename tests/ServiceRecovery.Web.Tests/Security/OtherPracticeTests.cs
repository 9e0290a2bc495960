using System.Net;

using AngleSharp.Html.Dom;

using Microsoft.EntityFrameworkCore;

using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Security;

/// <summary>
/// A practice manager of another practice — the strongest role that is still an outsider — against Harbourside's cases,
/// improvements, patients and staff: every list leaves them out and every form, posted with a valid antiforgery token and
/// version, changes nothing. These fail when a practice filter is loosened, not only when a role check is removed.
/// </summary>
public sealed class OtherPracticeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string PatientName = "Harriet Hiddenfromothers";

    [Fact]
    public async Task Every_case_form_posted_by_a_manager_of_another_practice_changes_nothing()
    {
        using var deskHere = await fixture.SignInAsync(TestWorld.FrontDesk);
        var target = await CaseWithEveryRecordAsync(deskHere, PatientName);
        // The outsider's own case, as their front desk works it, so its gesture waits for them and every form is on the page.
        using var deskThere = await fixture.SignInAsync(TestWorld.OtherFrontDesk);
        var ownCase = await CaseWithEveryRecordAsync(deskThere, "Otto Ownpractice");
        using var outsider = await fixture.SignInAsync(TestWorld.OtherManager);
        var own = new CasePage(outsider, ownCase.Url);
        var before = await SnapshotAsync(target.CaseId);
        var targetVersion = before.Version.ToString();

        var ownPage = await own.LoadAsync();
        var forms = ownPage.QuerySelectorAll("form[method=post]").OfType<IHtmlFormElement>()
            .Where(f => (f.GetAttribute("action") ?? "").Contains(own.CaseId.ToString(), StringComparison.Ordinal))
            .ToList();
        var handlers = new HashSet<string>();
        var failures = new List<string>();
        foreach (var form in forms)
        {
            var fields = WebClient.FieldsOf(form);
            foreach (var (name, value) in ValidValues)
            {
                if (fields.ContainsKey(name))
                {
                    fields[name] = value;
                }
            }

            fields["Version"] = targetVersion;
            var action = form.GetAttribute("action")!.Replace(own.CaseId.ToString(), target.CaseId.ToString(), StringComparison.Ordinal);
            handlers.Add(action.Split("handler=").Last());
            var response = await outsider.Http.PostAsync(action, new FormUrlEncodedContent(fields));
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                failures.Add($"{action}: expected 404, got {(int)response.StatusCode}");
            }
        }

        failures.ShouldBeEmpty();
        // Every step's form and the case's own forms were tried, not a few that happened to be on the page.
        string[] expected = ["Apology", "Fix", "Contact", "Gesture", "Decision", "Improvement", "Lesson", "Shared", "FollowUp", "FollowUpOutcome", "Return", "Skip", "Owner", "Withdraw", "Correct"];
        expected.Except(handlers).ShouldBeEmpty();
        (await SnapshotAsync(target.CaseId)).ShouldBe(before, "Harbourside's case is exactly as it was");

        // The same forms do work on the outsider's own case: they were valid, so the refusals above were the practice's.
        var accepted = 0;
        foreach (var selector in new[] { "#fix-form", "#contact-form", "#lesson-form" })
        {
            // Loaded afresh each time: every save renews the case's version.
            var form = (IHtmlFormElement)(await own.LoadAsync()).QuerySelector(selector)!;
            var fields = WebClient.FieldsOf(form);
            foreach (var (name, value) in ValidValues.Where(v => fields.ContainsKey(v.Key)))
            {
                fields[name] = value;
            }

            accepted += (await outsider.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields))).StatusCode == HttpStatusCode.Redirect ? 1 : 0;
        }

        accepted.ShouldBe(3);
    }

    [Fact]
    public async Task No_list_shows_a_manager_of_another_practice_a_case_or_patient_of_this_one()
    {
        using var deskHere = await fixture.SignInAsync(TestWorld.FrontDesk);
        var target = await CaseWithEveryRecordAsync(deskHere, "Petra Privateperson");
        var reference = await fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == target.CaseId).Select(c => c.Reference).SingleAsync());
        using var outsider = await fixture.SignInAsync(TestWorld.OtherManager);
        var here = fixture.World.Harbourside.Id;

        string[] pages =
        [
            "/", "/queue", $"/queue?Filter.PracticeId={here}&Filter.Status=", "/queue?Filter.Status=", "/approvals", "/reports", $"/reports?practice={here}",
            "/huddle", "/improvements", "/staff", $"/queue?handler=Csv&includeContacts=true&Filter.Status=",
        ];
        foreach (var url in pages)
        {
            var response = await outsider.Http.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            var text = await response.Content.ReadAsStringAsync();
            text.ShouldNotContain("Petra Privateperson", customMessage: url);
            text.ShouldNotContain(reference, customMessage: url);
            text.ShouldNotContain("Harbourside improvement for Petra", customMessage: url);
        }

        (await outsider.Http.GetAsync($"/huddle?practice={here}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.Http.GetAsync($"/queue?handler=Csv&includeContacts=true&Filter.PracticeId={here}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.Http.GetAsync(target.Url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The patient search of the defect form looks only in the outsider's own practice, whatever practice is posted.
        var log = await outsider.GetPageAsync("/defects/log");
        var found = await RolesPerPracticeTests.PostAsync(outsider, log, "#log-defect-form", "/defects/log?handler=FindPatient", new()
        {
            ["Input.PracticeId"] = here.ToString(),
            ["Input.PatientName"] = "Petra",
        });
        (await found.Content.ReadAsStringAsync()).ShouldNotContain("Petra Privateperson");
    }

    [Fact]
    public async Task An_improvement_and_a_staff_member_of_this_practice_are_not_found_by_a_manager_of_another()
    {
        using var deskHere = await fixture.SignInAsync(TestWorld.FrontDesk);
        await CaseWithEveryRecordAsync(deskHere, "Ivan Improved");
        var improvement = await fixture.App.WithDbAsync(db => db.Improvements.Where(i => i.Title == "Harbourside improvement for Ivan").Select(i => new { i.Id, i.Status }).SingleAsync());
        var deskId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == TestWorld.FrontDesk).Select(u => new { u.Id, u.ConcurrencyStamp, u.IsActive }).SingleAsync());
        using var outsider = await fixture.SignInAsync(TestWorld.OtherManager);
        var anyPage = await outsider.GetPageAsync("/defects/log");

        (await outsider.Http.GetAsync($"/improvements/{improvement.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await RolesPerPracticeTests.PostAsync(outsider, anyPage, "#log-defect-form", $"/improvements/{improvement.Id}", new()
        {
            ["Change.ExpectedStatus"] = improvement.Status.ToString(),
            ["Change.Status"] = nameof(ImprovementStatus.Done),
        })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fixture.App.WithDbAsync(db => db.Improvements.Where(i => i.Id == improvement.Id).Select(i => i.Status).SingleAsync())).ShouldBe(improvement.Status);

        (await outsider.Http.GetAsync($"/staff/{deskId.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await RolesPerPracticeTests.PostAsync(outsider, anyPage, "#log-defect-form", $"/staff/{deskId.Id}?handler=Active", new()
        {
            ["Activation.ConcurrencyStamp"] = deskId.ConcurrencyStamp!,
            ["Activation.Active"] = "false",
        })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await RolesPerPracticeTests.PostAsync(outsider, anyPage, "#log-defect-form", $"/staff/{deskId.Id}", new()
        {
            ["Input.ConcurrencyStamp"] = deskId.ConcurrencyStamp!,
            [$"Input.Roles[{fixture.World.Other.Id}]"] = Roles.PracticeManager,
        })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fixture.App.WithDbAsync(db => db.Memberships.Where(m => m.UserId == deskId.Id).Select(m => m.PracticeId).ToListAsync()))
            .ShouldBe([fixture.World.Harbourside.Id]);
    }

    [Fact]
    public async Task The_practice_forms_of_a_manager_of_another_practice_cannot_name_this_practice()
    {
        using var outsider = await fixture.SignInAsync(TestWorld.OtherManager);
        var here = fixture.World.Harbourside.Id;
        var other = fixture.World.Other.Id;
        var before = await fixture.App.WithDbAsync(db => db.Practices.Where(p => p.Id == here).Select(p => new { p.Version, p.DisplayTokenHash, p.LastHuddleAt }).SingleAsync());
        var settings = await outsider.GetPageAsync($"/settings?practice={other}");

        string[] forms = ["#locale-form", "#due-form", "#limits-form", "#reminders-form"];
        foreach (var form in forms)
        {
            var action = ((IHtmlFormElement)settings.QuerySelector(form)!).GetAttribute("action")!.Replace(other.ToString(), here.ToString(), StringComparison.Ordinal);
            var fields = WebClient.FieldsOf((IHtmlFormElement)settings.QuerySelector(form)!);
            (await outsider.Http.PostAsync(action, new FormUrlEncodedContent(fields))).StatusCode.ShouldBe(HttpStatusCode.NotFound, form);
        }

        foreach (var url in new[] { $"/huddle/display-link?handler=Issue&practice={here}", $"/huddle/display-link?handler=Revoke&practice={here}", $"/huddle?handler=Share&practice={here}" })
        {
            (await RolesPerPracticeTests.PostAsync(outsider, settings, "#locale-form", url, [])).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }

        (await outsider.Http.GetAsync($"/settings?practice={here}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.Http.GetAsync($"/huddle/display-link?practice={here}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fixture.App.WithDbAsync(db => db.Practices.Where(p => p.Id == here).Select(p => new { p.Version, p.DisplayTokenHash, p.LastHuddleAt }).SingleAsync()))
            .ShouldBe(before);
    }

    /// <summary>Form values that pass validation on any case form.</summary>
    private static readonly Dictionary<string, string> ValidValues = new()
    {
        ["Fix.Description"] = "Rebooked for the first slot tomorrow.",
        ["Contact.Summary"] = "Called to check the new time suits.",
        ["Lesson.Text"] = "Tell patients early when we run late.",
        ["Skip.Reason"] = "Not needed here",
        ["Withdraw.Reason"] = "Logged twice",
        ["Decision.Reason"] = "Over budget",
        ["Correct.Text"] = "Corrected wording",
        ["FollowUpOutcome.Outcome"] = "Happy with the result",
        ["Improvement.Title"] = "Another improvement",
    };

    /// <summary>A case with a record behind every form the page offers: a fix, a contact, a gesture waiting for approval, an improvement, a lesson, a follow-up.</summary>
    private static async Task<CasePage> CaseWithEveryRecordAsync(WebClient client, string patient)
    {
        var page = await CasePage.OpenAsync(client, patient);
        await page.SubmitAsync("#fix-form", new() { ["Fix.Description"] = "Rebooked for the first slot tomorrow." });
        await page.SubmitAsync("#contact-form", new() { ["Contact.Summary"] = "Called to apologise again." });
        await page.SubmitAsync("#gesture-form", new() { ["Gesture.Amount"] = "500" });
        await page.SubmitAsync("#improvement-form", new() { ["Improvement.Title"] = $"Harbourside improvement for {patient.Split(' ')[0]}" });
        await page.SubmitAsync("#lesson-form", new() { ["Lesson.Text"] = "Tell patients early when we run late." });
        await page.SubmitAsync("#follow-up-form", []);
        return page;
    }

    private sealed record Snapshot(Guid Version, CaseStatus Status, string? OwnerId, int Timeline, int Gestures, int Fixes, int Contacts, int Lessons, int FollowUps, int Links);

    private Task<Snapshot> SnapshotAsync(Guid caseId) => fixture.App.WithDbAsync(async db =>
    {
        var c = await db.Cases.AsNoTracking().IgnoreQueryFilters().Include(x => x.Gestures).Include(x => x.Fixes).Include(x => x.Contacts).Include(x => x.Lessons)
            .Include(x => x.FollowUps).Include(x => x.ImprovementLinks).AsSplitQuery().SingleAsync(x => x.Id == caseId);
        return new Snapshot(c.Version, c.Status, c.OwnerId, await db.Timeline.CountAsync(t => t.CaseId == caseId),
            c.Gestures.Count(g => g.State == GestureState.PendingApproval), c.Fixes.Count, c.Contacts.Count, c.Lessons.Count, c.FollowUps.Count, c.ImprovementLinks.Count);
    });
}
