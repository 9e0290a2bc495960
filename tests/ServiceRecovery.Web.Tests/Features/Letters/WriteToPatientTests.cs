using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Features.Notifications;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Letters;

/// <summary>Writing to the patient from the case: an email through the outbox or a printed letter, recorded on the case as it went.</summary>
public sealed class WriteToPatientTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 3, 1, 0, 0, TimeSpan.Zero);
    private const string Fix = "Moved <b>bookings</b> & added a buffer";
    private const string ReplyTo = "reception@harbourside.example";

    [Fact]
    public async Task The_outcome_email_reaches_the_patient_from_the_practice_with_its_words_encoded_in_html_and_plain_in_text()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var test = await EmailTestApp.StartAsync(Start, sink.Settings);
        var manager = await test.ActorAsync(TestWorld.Manager);
        await test.WithDbAsync(async db =>
        {
            var practice = await db.Practices.SingleAsync(p => p.Id == test.World.Harbourside.Id);
            practice.ChangeLetterSettings(ReplyTo, null);
            return await db.SaveChangesAsync();
        });
        var opened = await test.OpenCaseAsync(TestWorld.Manager, work: (c, at) => c.RecordFix(manager, Fix, at));
        using var staff = await WebClient.SignedInAsync(test.App, TestWorld.Manager);

        var compose = await staff.GetPageAsync($"/cases/{opened.Id}/write?purpose=Outcome");
        var text = ((IHtmlTextAreaElement)compose.QuerySelector("#Letter_Text")!).Value;
        text.ShouldStartWith("Dear Zephyrine,");
        text.ShouldContain(Fix + ".");
        var response = await PostAsync(staff, compose, "Send", new() { ["Letter.Text"] = text + "\n\nWe will call you on Friday." });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await test.SendAsync();

        var email = sink.Messages().ShouldHaveSingleItem();
        email.To.ToString().ShouldBe("zephyrine@example.test");
        email.From.Mailboxes.Single().Name.ShouldBe(test.World.Harbourside.Name);
        email.ReplyTo.Mailboxes.Single().Address.ShouldBe(ReplyTo);
        email.Subject.ShouldBe($"The outcome of your concern: {opened.Reference}");
        var textBody = email.TextBody ?? "";
        var htmlBody = email.HtmlBody ?? "";
        textBody.ShouldContain("Dear Zephyrine,");
        textBody.ShouldContain(Fix + ".");
        textBody.ShouldContain("We will call you on Friday.");
        htmlBody.ShouldContain("Moved &lt;b&gt;bookings&lt;/b&gt; &amp; added a buffer.");
        htmlBody.ShouldNotContain("<b>bookings", Case.Sensitive);
        textBody.ShouldContain("/feedback/harbourside");
        htmlBody.ShouldContain("/feedback/harbourside");

        var casePage = await staff.GetPageAsync($"/cases/{opened.Id}");
        var letter = casePage.QuerySelector("[data-testid=outcome-letters] [data-testid=patient-letter]")!;
        letter.TextContent.ShouldContain("Email to the patient: The outcome of your concern");
        letter.QuerySelector("[data-testid=delivery]")!.TextContent.ShouldContain("sent");
        casePage.QuerySelector("[data-testid=timeline]")!.TextContent.ShouldContain("Email to the patient sent: The outcome of your concern");

        foreach (var level in new[] { "Information", "Warning", "Error" })
        {
            foreach (var line in await test.LogEventsAsync(level))
            {
                line.ToString().ShouldNotContain("zephyrine@example.test", Case.Insensitive);
                line.ToString().ShouldNotContain("Zephyrine", Case.Insensitive);
            }
        }
    }

    [Fact]
    public async Task A_patient_without_an_email_gets_print_only_and_a_send_is_refused_with_nothing_queued()
    {
        await using var test = await EmailTestApp.StartAsync(Start);
        var caseId = await OpenCaseWithoutEmailAsync(test);
        using var staff = await WebClient.SignedInAsync(test.App, TestWorld.FrontDesk);

        var compose = await staff.GetPageAsync($"/cases/{caseId}/write");
        compose.QuerySelector("[data-testid=send-email]").ShouldBeNull();
        compose.QuerySelector("[data-testid=print-only]")!.TextContent.ShouldBe("Print only: the patient has no email address on record.");
        compose.QuerySelector("[data-testid=print-letter]").ShouldNotBeNull();

        var refused = await PostAsync(staff, compose, "Send", new() { ["Letter.Text"] = "Dear Ada, we are sorry." });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await WebClient.ParseAsync(refused);
        page.Body!.TextContent.ShouldContain("Print only: the patient has no email address on record.");
        ((IHtmlTextAreaElement)page.QuerySelector("#Letter_Text")!).Value.ShouldBe("Dear Ada, we are sorry.");
        (await test.OutboxAsync()).ShouldNotContain(m => m.Kind == EmailKind.PatientLetter);
        (await test.WithDbAsync(db => db.Set<PatientLetter>().CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task A_printed_apology_keeps_its_words_after_the_template_is_edited_and_settles_respond()
    {
        await using var test = await EmailTestApp.StartAsync(Start);
        var opened = await test.OpenCaseAsync(TestWorld.Manager);
        using var frontDesk = await WebClient.SignedInAsync(test.App, TestWorld.FrontDesk);

        var compose = await frontDesk.GetPageAsync($"/cases/{opened.Id}/write");
        var words = ((IHtmlTextAreaElement)compose.QuerySelector("#Letter_Text")!).Value + "\n\nI have booked you in first thing on Monday.";
        var printed = await PostAsync(frontDesk, compose, "Print", new() { ["Letter.Text"] = words });
        printed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var letterUrl = printed.Headers.Location!.ToString();
        letterUrl.ShouldStartWith($"/cases/{opened.Id}/letters/");

        await test.WithDbAsync(async db =>
        {
            var template = await db.LetterTemplates.Include(t => t.Versions).SingleAsync(t => t.PracticeId == test.World.Harbourside.Id && t.Kind == LetterKind.Apology);
            template.Save(template.Name, "A new subject", "Dear {{ patient.first_name }}, new words.", await test.ActorAsync(TestWorld.Manager), Start);
            return await db.SaveChangesAsync();
        });

        var letter = await frontDesk.GetPageAsync(letterUrl);
        var shown = letter.QuerySelector("[data-testid=letter-text]")!;
        shown.TextContent.ShouldContain("I have booked you in first thing on Monday.");
        shown.TextContent.ShouldContain("Thank you for telling us about your visit");
        shown.TextContent.ShouldNotContain("new words");
        letter.QuerySelector("[data-testid=letterhead]")!.TextContent.ShouldContain(test.World.Harbourside.Name);
        letter.QuerySelector("[data-testid=letter-to]")!.TextContent.ShouldBe(EmailTestApp.PatientName);
        var stored = await test.WithDbAsync(db => db.Set<PatientLetter>().AsNoTracking().SingleAsync());
        (stored.TemplateVersion, stored.Channel, stored.Text).ShouldBe((1, LetterChannel.Letter, words));

        var casePage = await new CasePage(frontDesk, $"/cases/{opened.Id}").StateOfAsync("Respond");
        casePage.ShouldBe("Done");
        var contact = await test.WithDbAsync(db => db.Set<PersonalContact>().AsNoTracking().SingleAsync());
        contact.Method.ShouldBe(ContactMethod.Letter);
    }

    [Fact]
    public async Task Empty_or_overlong_text_gets_a_message_beside_the_field_and_keeps_what_was_typed()
    {
        await using var test = await EmailTestApp.StartAsync(Start);
        var opened = await test.OpenCaseAsync(TestWorld.Manager);
        using var staff = await WebClient.SignedInAsync(test.App, TestWorld.FrontDesk);
        var compose = await staff.GetPageAsync($"/cases/{opened.Id}/write");

        var empty = await WebClient.ParseAsync(await PostAsync(staff, compose, "Print", new() { ["Letter.Text"] = "  ", ["Letter.Subject"] = "Kept subject" }));
        empty.QuerySelector("[data-testid=text-error]")!.TextContent.ShouldBe("Write the text.");
        ((IHtmlInputElement)empty.QuerySelector("#Letter_Subject")!).Value.ShouldBe("Kept subject");

        var tooLong = new string('a', PatientLetter.TextLength + 1);
        var longPage = await WebClient.ParseAsync(await PostAsync(staff, compose, "Send", new() { ["Letter.Text"] = tooLong }));
        longPage.QuerySelector("[data-testid=text-error]")!.TextContent.ShouldBe("The text is 20,001 characters; keep it to 20,000.");
        ((IHtmlTextAreaElement)longPage.QuerySelector("#Letter_Text")!).Value.ShouldBe(tooLong);
        (await test.WithDbAsync(db => db.Set<PatientLetter>().CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Another_practices_case_is_not_found_to_write_to_or_to_print()
    {
        await using var test = await EmailTestApp.StartAsync(Start);
        var opened = await test.OpenCaseAsync(TestWorld.Manager);
        using var staff = await WebClient.SignedInAsync(test.App, TestWorld.FrontDesk);
        var compose = await staff.GetPageAsync($"/cases/{opened.Id}/write");
        var printed = await PostAsync(staff, compose, "Print", []);
        var letterUrl = printed.Headers.Location!.ToString();
        using var other = await WebClient.SignedInAsync(test.App, TestWorld.OtherFrontDesk);

        (await other.Http.GetAsync($"/cases/{opened.Id}/write")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Http.GetAsync(letterUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var form = WebClient.FieldsOf((IHtmlFormElement)compose.QuerySelector("#letter-form")!);
        var ownPage = await other.GetPageAsync("/");
        form["__RequestVerificationToken"] = ownPage.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        var posted = await other.Http.PostAsync($"/cases/{opened.Id}/write?handler=Print", new FormUrlEncodedContent(form));
        posted.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest);
        (await test.WithDbAsync(db => db.Set<PatientLetter>().CountAsync())).ShouldBe(1);
    }

    private static Task<HttpResponseMessage> PostAsync(WebClient client, IHtmlDocument compose, string handler, Dictionary<string, string?> values)
    {
        var form = (IHtmlFormElement)compose.QuerySelector("#letter-form")!;
        var fields = WebClient.FieldsOf(form);
        foreach (var (name, value) in values)
        {
            fields[name] = value ?? "";
        }

        return client.Http.PostAsync($"{form.GetAttribute("action")}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    /// <summary>A case in Harbourside whose patient left a phone number only.</summary>
    private static Task<Guid> OpenCaseWithoutEmailAsync(EmailTestApp test) => test.WithDbAsync(async db =>
    {
        var owner = await test.ActorAsync(TestWorld.Manager);
        var practice = await db.Practices.Include(p => p.Stages).Include(p => p.Categories).AsSplitQuery().SingleAsync(p => p.Id == test.World.Harbourside.Id);
        var patient = Patient.Create(practice.Id, "Ada Lovelace", "0499 111 222", null, null, Start, "AU");
        var defect = ServiceDefect.Log(practice.Id, patient.Id, practice.Stages[0], practice.Categories[0], Severity.Minor, DefectChannel.Phone,
            Start.AddMinutes(-5), "The phone rang out", owner, Start);
        var recoveryCase = RecoveryCase.Open(practice, new CaseReference(2026, 777), defect, owner, Start);
        db.Patients.Add(patient);
        db.Defects.Add(defect);
        db.Cases.Add(recoveryCase);
        await db.SaveChangesAsync();
        return recoveryCase.Id;
    });
}
