using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Security;

/// <summary>
/// Every value of the hostile corpus, through the main forms and query strings: a clear message or a 4xx,
/// never a 5xx; a rejected value changes no stored data; an accepted text is stored as sent and shown encoded.
/// </summary>
public sealed class HostileInputTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public void The_corpus_has_at_least_300_values() => HostileInput.Corpus.Count.ShouldBeGreaterThanOrEqualTo(300);

    [Fact]
    public async Task Log_a_defect_never_fails_on_hostile_input()
    {
        using var client = await fixture.SignInAsync(TestWorld.FrontDesk);
        var page = await client.GetPageAsync("/defects/log");
        string[] fields = ["Input.PatientName", "Input.PatientPhone", "Input.PatientEmail", "Input.Description", "Input.OccurredAt", "Input.Severity", "Input.Channel", "Input.StageId", "Input.CategoryId", "Input.PracticeId", "Input.PatientId", "Input.IdempotencyKey"];
        var driver = new HostileDriver(fixture.App, client) { TextFields = new HashSet<string> { "Input.PatientName", "Input.PatientEmail", "Input.Description" } };
        await driver.DriveAsync(HostileInput.Corpus.Select((value, i) => (fields[i % fields.Length], value)), async (field, value) =>
        {
            var form = Defects.Form(page);
            form[field] = value;
            form["Input.IdempotencyKey"] = field == "Input.IdempotencyKey" ? value : Guid.NewGuid().ToString();
            return await client.SubmitAsync(page, "#log-defect-form", form);
        });
    }

    [Fact]
    public async Task Case_page_forms_never_fail_on_hostile_input()
    {
        using var client = await fixture.SignInAsync(TestWorld.Manager);
        var casePage = await CasePage.OpenAsync(client, "Hostile Case");
        (string Form, string Field)[] targets =
        [
            ("#apology-form", "Apology.ApologisedBy"), ("#apology-form", "Apology.ApologisedAt"), ("#apology-form", "Apology.Method"), ("#apology-form", "Version"),
            ("#fix-form", "Fix.Description"), ("#contact-form", "Contact.Summary"), ("#contact-form", "Contact.ContactedAt"), ("#contact-form", "Contact.Method"),
            ("#gesture-form", "Gesture.Amount"), ("#gesture-form", "Gesture.Note"), ("#gesture-form", "Gesture.Kind"),
            ("#improvement-form", "Improvement.Title"), ("#improvement-form", "Improvement.ImprovementId"), ("#improvement-form", "Improvement.DueOn"), ("#improvement-form", "Improvement.OwnerId"),
            ("#lesson-form", "Lesson.Text"), ("#follow-up-form", "FollowUp.PlannedFor"), ("#follow-up-form", "FollowUp.Method"),
            ("#skip-form", "Skip.Step"), ("#owner-form", "Owner.OwnerId"),
        ];
        var driver = new HostileDriver(fixture.App, client)
        {
            TextFields = new HashSet<string> { "Apology.ApologisedBy", "Fix.Description", "Contact.Summary", "Gesture.Note", "Improvement.Title", "Lesson.Text" },
        };
        await driver.DriveAsync(HostileInput.Corpus.Select((value, i) => ($"{targets[i % targets.Length].Form}|{targets[i % targets.Length].Field}", value)), async (target, value) =>
        {
            var (form, field) = (target.Split('|')[0], target.Split('|')[1]);
            var values = new Dictionary<string, string?> { [field] = value };
            if (form == "#skip-form" && field != "Skip.Reason")
            {
                values["Skip.Reason"] = "";  // never actually skip: keep the case open for the rest of the corpus
            }

            return await client.SubmitAsync(await casePage.LoadAsync(), form, values);
        });
    }

    [Fact]
    public async Task Settings_and_staff_forms_never_fail_on_hostile_input()
    {
        using var client = await fixture.SignInAsync(TestWorld.Administrator);
        var settings = $"/settings?practice={fixture.World.Harbourside.Id}";
        (string Url, string Form, string Field)[] targets =
        [
            (settings, "#locale-form", "Locale.Name"), (settings, "#locale-form", "Locale.TimeZoneId"), (settings, "#locale-form", "Locale.Culture"), (settings, "#locale-form", "Locale.Currency"),
            (settings, "#due-form", "Due.SaySorry"), (settings, "#due-form", "Due.Extend"), (settings, "#limits-form", "Limits.FrontDesk"), (settings, "#limits-form", "Limits.Administrator"),
            (settings, ".add-stage-form", "Item.Name"), (settings, ".add-category-form", "Item.Name"), (settings, "#locale-form", "Locale.Version"),
            ("/staff/new", "form[method=post]:not(#sign-out-form)", "Input.DisplayName"), ("/staff/new", "form[method=post]:not(#sign-out-form)", "Input.Email"), ("/staff/new", "form[method=post]:not(#sign-out-form)", "Input.Role"),
            ("/Account/ChangePassword", "form[method=post]:not(#sign-out-form)", "Input.NewPassword"),
        ];
        var driver = new HostileDriver(fixture.App, client) { TextFields = new HashSet<string> { "Locale.Name", "Item.Name", "Input.DisplayName", "Input.Email" } };
        await driver.DriveAsync(HostileInput.Corpus.Select((value, i) => (string.Join('|', targets[i % targets.Length].Url, targets[i % targets.Length].Form, targets[i % targets.Length].Field), value)), async (target, value) =>
        {
            var parts = target.Split('|');
            var values = new Dictionary<string, string?> { [parts[2]] = value };
            if (parts[1].StartsWith(".add-", StringComparison.Ordinal))
            {
                values["Item.Action"] = "Add";
            }

            return await client.SubmitAsync(parts[0], parts[1], values);
        });
    }

    [Fact]
    public async Task The_public_comment_card_never_fails_on_hostile_input_and_stores_nothing_it_refuses()
    {
        using var patient = fixture.Anonymous();
        // The form token in place of the idempotency key: a posted key is never read, and a hostile token is refused.
        string[] fields = ["Input.Rating", "Input.StageId", "Input.Description", "Input.VisitDate", "Input.MayContact", "Input.Name", "Input.Phone", "Input.Email", global::ServiceRecovery.Web.Features.Feedback.CardModel.FormTokenField, "website"];
        // The driver checks that a refused card leaves every table as it was. One shown card sends one card: each value gets its own.
        var driver = new HostileDriver(fixture.App, patient);
        await driver.DriveAsync(HostileInput.Corpus.Select((value, i) => (fields[i % fields.Length], value)), async (field, value) =>
        {
            var answers = Features.CommentCardTests.Answers($"Hostile card {Guid.NewGuid():N}", mayContact: true, name: "Hostile Card", phone: "0400 111 222");
            answers[field] = value;
            return await patient.SubmitAsync("/feedback/harbourside", "#comment-card-form", answers);
        });
    }

    [Fact]
    public async Task The_comment_card_address_never_fails_on_hostile_input()
    {
        using var patient = fixture.Anonymous();
        // The test host refuses a NUL in a path before the app sees it (Kestrel answers 400).
        var values = HostileInput.Corpus.Where(v => !v.Contains('\0', StringComparison.Ordinal)).Select(v => v.Length > 2000 ? v[..2000] : v);
        await new HostileDriver(fixture.App, patient).DriveAsync(values.SelectMany(v => new[] { ("feedback/", v), ("feedback/|/thanks", v) }), (target, value) =>
        {
            var parts = target.Split('|');
            return patient.Http.GetAsync("/" + parts[0] + Uri.EscapeDataString(value) + (parts.Length > 1 ? parts[1] : ""));
        });
    }

    [Fact]
    public async Task Query_strings_never_fail_on_hostile_input()
    {
        using var client = await fixture.SignInAsync(TestWorld.Manager);
        string[] parameters =
        [
            "queue?Filter.Reference=", "queue?Filter.Step=", "queue?Filter.StageId=", "queue?Filter.Owner=", "queue?Filter.From=", "queue?Filter.To=", "queue?Filter.Page=", "queue?Filter.Severity=",
            "queue?handler=Csv&Filter.Reference=", "reports?from=", "reports?to=", "reports?practice=", "huddle?practice=", "settings?practice=", "audit?Filter.Kind=", "staff?practice=",
            "cases/", "improvements/", "huddle/display/", "Errors?status=",
        ];
        await new HostileDriver(fixture.App, client).DriveAsync(HostileInput.Corpus.Select((value, i) => (parameters[i % parameters.Length], value)),
            (prefix, value) => client.Http.GetAsync("/" + prefix + Uri.EscapeDataString(value.Length > 2000 ? value[..2000] : value)));
    }
}
