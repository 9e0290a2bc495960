using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Letters;
using ServiceRecovery.Web.Tests.Features.Notifications;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.Letters;

/// <summary>The shipped complaint acknowledgement and final response, filled from the formal complaint's kept rules.</summary>
public sealed class ComplaintLetterTests
{
    // 10:00 on Friday 30 October 2026 in Sydney.
    private static readonly DateTimeOffset Start = new(2026, 10, 29, 23, 0, 0, TimeSpan.Zero);

    private static async Task<(EmailTestApp Test, RecoveryCase Complaint)> ComplaintAtAsync(JurisdictionProfile profile, string timeZone, string culture)
    {
        var test = await EmailTestApp.StartAsync(Start);
        var opened = await test.OpenCaseAsync(TestWorld.Manager);
        var actor = await test.ActorAsync(TestWorld.Manager);
        var complaint = await test.WithDbAsync(async db =>
        {
            var practice = await db.Practices.SingleAsync(p => p.Id == test.World.Harbourside.Id);
            practice.ChangeLocale(timeZone, culture, "AUD");
            practice.ChangeWorkingDaysAndComplaints(WorkingDays.Days(practice.OpeningDays), practice.ClosureDays, new ComplaintSettings(profile.Id, null, null, null));
            await db.SaveChangesAsync();
            var recoveryCase = await db.Cases.Include(c => c.Defect).SingleAsync(c => c.Id == opened.Id);
            var now = test.Clock.GetUtcNow();
            recoveryCase.MarkFormalComplaint(actor, practice.Locale.DateAt(now), ComplaintChannel.Written, null, practice, now);
            await db.SaveChangesAsync();
            return recoveryCase;
        });
        return (test, complaint);
    }

    private static async Task<(string Template, string Text)> ComposeAsync(WebClient staff, Guid caseId, LetterPurpose purpose)
    {
        var page = await staff.GetPageAsync($"/cases/{caseId}/write?purpose={purpose}");
        var chosen = ((IHtmlSelectElement)page.QuerySelector("#template-choice")!).SelectedOptions.Single().TextContent.Trim();
        return (chosen, ((IHtmlTextAreaElement)page.QuerySelector("#Letter_Text")!).Value);
    }

    [Theory]
    [InlineData("england-nhs-dental", "Europe/London", "en-GB", "Parliamentary and Health Service Ombudsman", "Millbank Tower, 30 Millbank, London, SW1P 4QP, www.ombudsman.org.uk")]
    [InlineData("au-victoria", "Australia/Melbourne", "en-AU", "Health Complaints Commissioner", "Level 26, 570 Bourke Street, Melbourne VIC 3000, hcc.vic.gov.au")]
    public async Task The_complaint_letters_are_preselected_and_name_the_received_and_respond_by_dates_and_the_escalation_body(
        string profileId, string timeZone, string culture, string body, string address)
    {
        var profile = JurisdictionProfiles.Find(profileId).ShouldNotBeNull();
        var (test, complaint) = await ComplaintAtAsync(profile, timeZone, culture);
        await using var _ = test;
        using var staff = await WebClient.SignedInAsync(test.App, TestWorld.Manager);
        var format = System.Globalization.CultureInfo.GetCultureInfo(culture);

        var (ackTemplate, ack) = await ComposeAsync(staff, complaint.Id, LetterPurpose.ComplaintAcknowledgement);
        ackTemplate.ShouldBe("Complaint acknowledgement");
        ack.ShouldContain($"which we received on {complaint.Complaint!.ReceivedOn.ToString("d MMMM yyyy", format)}");
        ack.ShouldContain($"full response by {complaint.ComplaintRespondDue!.Value.ToString("d MMMM yyyy", format)}");

        var (responseTemplate, response) = await ComposeAsync(staff, complaint.Id, LetterPurpose.ComplaintResponse);
        responseTemplate.ShouldBe("Complaint final response");
        response.ShouldContain($"you have the right to ask {body} to look at your complaint independently: {address}.");
    }

    [Fact]
    public async Task A_case_that_is_not_a_formal_complaint_fills_the_complaint_fields_with_nothing()
    {
        await using var test = await EmailTestApp.StartAsync(Start);
        var opened = await test.OpenCaseAsync(TestWorld.Manager);
        using var staff = await WebClient.SignedInAsync(test.App, TestWorld.Manager);
        var page = await staff.GetPageAsync($"/cases/{opened.Id}/write?template=ComplaintResponse");

        var text = ((IHtmlTextAreaElement)page.QuerySelector("#Letter_Text")!).Value;
        text.ShouldContain("received on .");
        text.ShouldNotContain("Ombudsman");
        text.ShouldNotContain("Commissioner");
    }

    [Fact]
    public void The_save_time_check_knows_the_complaint_fields_and_refuses_a_misspelt_one()
    {
        LetterTemplating.Check("Body", "{{ complaint.received_on }} {{ complaint.respond_by }} {{ complaint.escalation_body }} {{ complaint.escalation_address }}");
        Should.Throw<DomainRuleException>(() => LetterTemplating.Check("Body", "{{ complaint.escalation_bodyy }}"))
            .Message.ShouldBe("complaint.escalation_bodyy is not a merge field; did you mean complaint.escalation_body?");
    }

    [Fact]
    public void An_escalation_body_with_markup_is_encoded_in_the_html_letter()
    {
        var fields = LetterFields.Sample("Harbourside Dental", null, null, "", new PracticeLocale("Europe/London", "en-GB", "GBP"), Start)
            with
        { ComplaintEscalationBody = "<script>x()</script> & Co" };
        var html = LetterRenderer.Render(ShippedLetters.For(LetterKind.ComplaintResponse).Body, fields, LetterFormat.Html);

        html.ShouldNotContain("<script>");
        html.ShouldContain("&lt;script&gt;x()&lt;/script&gt; &amp; Co");
    }
}
