using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>The public comment card: a patient, not signed in, opens an unassigned case for staff to triage.</summary>
public sealed class CommentCardTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string CardUrl = "/feedback/harbourside";

    public static Dictionary<string, string?> Answers(string description, bool mayContact = false, string? name = null, string? phone = null, string? email = null) => new()
    {
        ["Input.Rating"] = nameof(CommentCardRating.Poor),
        ["Input.Description"] = description,
        ["Input.MayContact"] = mayContact ? "true" : "false",
        ["Input.Name"] = name ?? "",
        ["Input.Phone"] = phone ?? "",
        ["Input.Email"] = email ?? "",
    };

    private Task<RecoveryCase?> CaseWithDescriptionAsync(string description) => fixture.App.WithDbAsync(db =>
        db.Cases.Include(c => c.Defect).Include(c => c.Timeline).SingleOrDefaultAsync(c => c.Defect.Description == description));

    [Fact]
    public async Task A_patient_sends_a_card_without_signing_in_and_it_opens_an_unassigned_case()
    {
        using var patient = fixture.Anonymous();
        var page = await patient.GetPageAsync(CardUrl);
        page.QuerySelector("[data-testid=card-practice]")!.TextContent.ShouldBe("Harbourside Dental");
        var stage = page.QuerySelectorAll("#Input_StageId option").Skip(1).First(o => o.TextContent == "Waiting");
        const string description = "Card test: waited forty minutes and nobody said why.";

        var answers = Answers(description);
        answers["Input.StageId"] = stage.GetAttribute("value");
        answers["Input.Rating"] = nameof(CommentCardRating.VeryPoor);
        var response = await patient.SubmitAsync(page, "#comment-card-form", answers);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/feedback/harbourside/thanks");
        var recoveryCase = (await CaseWithDescriptionAsync(description)).ShouldNotBeNull();
        recoveryCase.Status.ShouldBe(CaseStatus.Open);
        recoveryCase.OwnerId.ShouldBeNull();
        recoveryCase.PracticeId.ShouldBe(fixture.World.Harbourside.Id);
        recoveryCase.Defect.Channel.ShouldBe(DefectChannel.CommentCard);
        recoveryCase.Defect.Severity.ShouldBe(Severity.Major);
        recoveryCase.Defect.StageId.ShouldBe(Guid.Parse(stage.GetAttribute("value")!));
        recoveryCase.Defect.PatientId.ShouldBeNull();
        recoveryCase.Timeline.ShouldHaveSingleItem().ActorName.ShouldBe("Comment card");
    }

    [Fact]
    public async Task Staff_see_an_anonymous_card_everywhere_as_anonymous_and_managers_triage_it_from_the_queue()
    {
        using var patient = fixture.Anonymous();
        const string description = "Card test: the receptionist was on her phone the whole time.";
        (await patient.SubmitAsync(CardUrl, "#comment-card-form", Answers(description))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var recoveryCase = (await CaseWithDescriptionAsync(description))!;

        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var queue = await manager.GetPageAsync($"/queue?Filter.Owner=none&Filter.Reference={recoveryCase.Reference}");
        var row = queue.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(recoveryCase.Reference, StringComparison.Ordinal));
        row.TextContent.ShouldContain("Not sure (comment card)");

        var casePage = await manager.GetPageAsync($"/cases/{recoveryCase.Id}");
        casePage.QuerySelector("[data-testid=patient-name]")!.TextContent.ShouldBe("Anonymous (comment card) — did not ask to be contacted");
        casePage.QuerySelector("[data-testid=defect-description]")!.TextContent.ShouldBe(description);
        casePage.QuerySelector("[data-testid=timeline]")!.TextContent.ShouldContain("Case opened from the comment card");

        var home = await manager.GetPageAsync("/");
        home.QuerySelector("table")!.TextContent.ShouldContain("Anonymous (comment card)");

        var csv = await manager.Http.GetStringAsync("/queue?handler=Csv&includeContacts=true&Filter.Reference=" + recoveryCase.Reference);
        csv.ShouldContain("Anonymous (comment card)");

        (await manager.GetPageAsync("/huddle")).QuerySelector("body")!.TextContent.ShouldNotContain("Anonymous");
        (await manager.Http.GetAsync("/reports")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_patient_who_may_be_contacted_becomes_a_new_patient_with_their_details()
    {
        using var patient = fixture.Anonymous();
        const string description = "Card test: please call me about my bill.";

        var response = await patient.SubmitAsync(CardUrl, "#comment-card-form", Answers(description, mayContact: true, name: "Card Caller", phone: "0400 555 123"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var recoveryCase = (await CaseWithDescriptionAsync(description))!;
        var stored = await fixture.App.WithDbAsync(db => db.Patients.SingleAsync(p => p.Id == recoveryCase.Defect.PatientId));
        stored.DisplayName.ShouldBe("Card Caller");
        stored.Phone.ShouldBe("0400 555 123");
        stored.PracticeId.ShouldBe(fixture.World.Harbourside.Id);
        recoveryCase.Defect.StageId.ShouldBeNull();

        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var casePage = await frontDesk.GetPageAsync($"/cases/{recoveryCase.Id}");
        casePage.QuerySelector("[data-testid=patient-name]")!.TextContent.ShouldBe("Card Caller");
    }

    [Fact]
    public async Task Asking_to_be_contacted_needs_a_name_and_a_phone_or_email_and_the_card_keeps_what_was_typed()
    {
        using var patient = fixture.Anonymous();
        const string description = "Card test: contact details missing.";

        var response = await patient.SubmitAsync(CardUrl, "#comment-card-form", Answers(description, mayContact: true));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await WebClient.ParseAsync(response);
        page.QuerySelector("#error-summary")!.TextContent.ShouldContain("Tell us your name");
        page.QuerySelector("[data-valmsg-for='Input.Phone']")!.TextContent.ShouldContain("phone number or an email address");
        page.QuerySelector("#Input_Description")!.TextContent.ShouldBe(description);
        (await CaseWithDescriptionAsync(description)).ShouldBeNull();
    }

    [Fact]
    public async Task Choosing_no_contact_keeps_nothing_of_any_details_typed()
    {
        using var patient = fixture.Anonymous();
        const string description = "Card test: typed details then chose no.";

        var response = await patient.SubmitAsync(CardUrl, "#comment-card-form", Answers(description, mayContact: false, name: "Should Vanish", email: "vanish@example.com"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CaseWithDescriptionAsync(description))!.Defect.PatientId.ShouldBeNull();
        (await fixture.App.WithDbAsync(db => db.Patients.AnyAsync(p => p.DisplayName == "Should Vanish"))).ShouldBeFalse();
    }

    [Fact]
    public async Task The_card_needs_a_rating_and_what_happened()
    {
        using var patient = fixture.Anonymous();
        var answers = Answers("");
        answers["Input.Rating"] = null;
        answers["Input.MayContact"] = null;

        var response = await patient.SubmitAsync(CardUrl, "#comment-card-form", answers);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var summary = (await WebClient.ParseAsync(response)).QuerySelector("#error-summary")!;
        summary.TextContent.ShouldContain("Choose how your visit was.");
        summary.TextContent.ShouldContain("Tell us what happened.");
        summary.TextContent.ShouldContain("Tell us whether we may contact you.");
        summary.QuerySelector("a[href='#Input_Rating']").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_stage_of_another_practice_a_retired_stage_or_a_visit_in_the_future_is_refused()
    {
        using var patient = fixture.Anonymous();
        var otherStage = fixture.World.Other.Stages[0].Id;
        var answers = Answers("Card test: foreign stage.");
        answers["Input.StageId"] = otherStage.ToString();
        var response = await patient.SubmitAsync(CardUrl, "#comment-card-form", answers);
        (await WebClient.ParseAsync(response)).QuerySelector("[data-valmsg-for='Input.StageId']")!.TextContent.ShouldContain("Choose a part of your visit");

        answers = Answers("Card test: future visit.");
        answers["Input.VisitDate"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        response = await patient.SubmitAsync(CardUrl, "#comment-card-form", answers);
        (await WebClient.ParseAsync(response)).QuerySelector("[data-valmsg-for='Input.VisitDate']")!.TextContent.ShouldContain("last 90 days");

        (await CaseWithDescriptionAsync("Card test: foreign stage.")).ShouldBeNull();
        (await CaseWithDescriptionAsync("Card test: future visit.")).ShouldBeNull();
    }

    [Fact]
    public async Task Sending_the_same_card_twice_opens_one_case()
    {
        using var patient = fixture.Anonymous();
        var page = await patient.GetPageAsync(CardUrl);
        const string description = "Card test: double tap.";

        (await patient.SubmitAsync(page, "#comment-card-form", Answers(description))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await patient.SubmitAsync(page, "#comment-card-form", Answers(description))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await fixture.App.WithDbAsync(db => db.Defects.CountAsync(d => d.Description == description))).ShouldBe(1);
    }

    [Fact]
    public async Task One_shown_card_sends_one_card_however_often_and_with_whatever_answers_it_is_posted()
    {
        using var script = fixture.Anonymous();
        var page = await script.GetPageAsync(CardUrl);

        var responses = new List<HttpResponseMessage>();
        for (var post = 1; post <= 3; post++)
        {
            var answers = Answers($"Card test: replayed form {post}.");
            answers["Input.IdempotencyKey"] = Guid.NewGuid().ToString();
            responses.Add(await script.SubmitAsync(page, "#comment-card-form", answers));
        }

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString == "/feedback/harbourside/thanks");
        (await fixture.App.WithDbAsync(db => db.Defects.CountAsync(d => d.Description.StartsWith("Card test: replayed form")))).ShouldBe(1);
        (await CaseWithDescriptionAsync("Card test: replayed form 1.")).ShouldNotBeNull("the first post of the form is the card");
    }

    [Theory]
    [InlineData("absent")]
    [InlineData("forged")]
    [InlineData("another practice's")]
    [InlineData("another rendering's")]
    public async Task A_card_without_its_own_form_token_is_not_sent_keeps_what_was_typed_and_sends_from_the_page_shown_again(string token)
    {
        using var patient = fixture.Anonymous();
        var page = await patient.GetPageAsync(CardUrl);
        var description = $"Card test: {token} form token.";
        var answers = Answers(description, mayContact: true, name: "Token Tester", phone: "0400 555 666");
        var otherPage = token switch
        {
            "another practice's" => await patient.GetPageAsync("/feedback/other-street"),
            "another rendering's" => await patient.GetPageAsync(CardUrl),
            _ => null,
        };
        answers[CardForm] = token == "forged" ? "CfDJ8" + new string('A', 120) : otherPage is null ? null : FormToken(otherPage);
        if (token == "another practice's")
        {
            // With the antiforgery token rendered beside it, so only the practice differs.
            answers["__RequestVerificationToken"] = ((IHtmlInputElement)otherPage!.QuerySelector("#comment-card-form input[name='__RequestVerificationToken']")!).Value;
        }

        var response = await patient.SubmitAsync(page, "#comment-card-form", answers);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shownAgain = await WebClient.ParseAsync(response);
        shownAgain.QuerySelector("#error-summary")!.TextContent.ShouldContain("This card had expired or did not come from our page, so it was not sent.");
        shownAgain.QuerySelector("#Input_Description")!.TextContent.ShouldBe(description);
        ((IHtmlInputElement)shownAgain.QuerySelector("#Input_Name")!).Value.ShouldBe("Token Tester");
        (await CaseWithDescriptionAsync(description)).ShouldBeNull();

        (await patient.SubmitAsync(shownAgain, "#comment-card-form", new())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await fixture.App.WithDbAsync(db => db.Defects.CountAsync(d => d.Description == description))).ShouldBe(1);
    }

    [Fact]
    public async Task A_card_shown_again_with_a_message_keeps_its_key_so_it_still_opens_one_case()
    {
        using var patient = fixture.Anonymous();
        var page = await patient.GetPageAsync(CardUrl);
        const string description = "Card test: corrected then sent twice.";
        var shownAgain = await WebClient.ParseAsync(await patient.SubmitAsync(page, "#comment-card-form", Answers(description, mayContact: true)));
        shownAgain.QuerySelector("#error-summary")!.TextContent.ShouldContain("Tell us your name");

        var corrected = Answers(description, mayContact: false);
        (await patient.SubmitAsync(shownAgain, "#comment-card-form", corrected)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await patient.SubmitAsync(page, "#comment-card-form", corrected)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the first rendering of the same card");

        (await fixture.App.WithDbAsync(db => db.Defects.CountAsync(d => d.Description == description))).ShouldBe(1);
    }

    private const string CardForm = ServiceRecovery.Web.Features.Feedback.CardModel.FormTokenField;

    private static string FormToken(IHtmlDocument page) => ((IHtmlInputElement)page.QuerySelector($"#comment-card-form input[name='{CardForm}']")!).Value;

    [Fact]
    public async Task A_filled_honeypot_gets_the_thank_you_page_and_stores_nothing()
    {
        using var patient = fixture.Anonymous();
        const string description = "Card test: a robot filled every field.";
        var answers = Answers(description, mayContact: true, name: "Robot", email: "robot@example.com");
        answers["website"] = "https://spam.example";
        var casesBefore = await fixture.App.WithDbAsync(db => db.Cases.CountAsync());

        var response = await patient.SubmitAsync(CardUrl, "#comment-card-form", answers);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/feedback/harbourside/thanks");
        (await fixture.App.WithDbAsync(db => db.Cases.CountAsync())).ShouldBe(casesBefore);
        (await fixture.App.WithDbAsync(db => db.Patients.AnyAsync(p => p.DisplayName == "Robot"))).ShouldBeFalse();
        (await fixture.App.ReadLogsAsync()).ShouldNotContain("spam.example");
    }

    [Fact]
    public async Task The_thank_you_page_names_the_practice_and_reveals_nothing_about_its_cases()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        await Defects.LogAsync(frontDesk, "Secret Patient");
        using var patient = fixture.Anonymous();
        var response = await patient.SubmitAsync(CardUrl, "#comment-card-form", Answers("Card test: leak check."));
        var reference = (await CaseWithDescriptionAsync("Card test: leak check."))!.Reference;

        var thanks = await patient.Http.GetAsync(response.Headers.Location);

        thanks.StatusCode.ShouldBe(HttpStatusCode.OK);
        thanks.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var page = await WebClient.ParseAsync(thanks);
        var text = page.Body!.TextContent;
        page.QuerySelector("[data-testid=thanks-title]")!.TextContent.ShouldBe("Thank you for telling us");
        text.ShouldContain("Harbourside Dental");
        text.ShouldNotContain("SR-");
        text.ShouldNotContain(reference);
        text.ShouldNotContain("Secret Patient");
        text.ShouldNotMatch(@"\d");
        page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldBe(["/feedback/harbourside"]);
        page.QuerySelectorAll("form").ShouldBeEmpty();
    }

    [Fact]
    public async Task The_card_leads_nowhere_but_itself()
    {
        using var patient = fixture.Anonymous();
        var response = await patient.Http.GetAsync(CardUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await WebClient.ParseAsync(response);
        page.QuerySelectorAll("a").ShouldBeEmpty();
        page.QuerySelectorAll("nav").ShouldBeEmpty();
        var form = page.QuerySelectorAll("form").OfType<IHtmlFormElement>().ShouldHaveSingleItem();
        form.GetAttribute("action").ShouldBeNull();
        form.QuerySelector("input[name=__RequestVerificationToken]").ShouldNotBeNull();
        page.QuerySelector("meta[name=robots]")!.GetAttribute("content").ShouldBe("noindex, nofollow");
        page.QuerySelectorAll("[style]").ShouldBeEmpty();
        page.QuerySelectorAll("script:not([src])").ShouldBeEmpty();
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
    }

    [Theory]
    [InlineData("/feedback/no-such-practice")]
    [InlineData("/feedback/no-such-practice/thanks")]
    [InlineData("/feedback/Not%20A%20Slug!")]
    public async Task An_unknown_card_address_is_a_friendly_not_found_that_leads_nowhere(string url)
    {
        using var patient = fixture.Anonymous();

        var response = await patient.Http.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = await WebClient.ParseAsync(response);
        page.QuerySelector("h1")!.TextContent.ShouldBe("We could not find that card");
        page.QuerySelectorAll("a").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_card_without_its_antiforgery_token_is_refused_in_the_cards_own_layout()
    {
        using var patient = fixture.Anonymous();
        var page = await patient.GetPageAsync(CardUrl);
        var fields = WebClient.FieldsOf((IHtmlFormElement)page.QuerySelector("#comment-card-form")!);
        fields.Remove("__RequestVerificationToken");
        foreach (var (key, value) in Answers("Card test: forged."))
        {
            fields[key] = value!;
        }

        var response = await patient.Http.PostAsync(CardUrl, new FormUrlEncodedContent(fields));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = await WebClient.ParseAsync(response);
        error.QuerySelectorAll("nav").ShouldBeEmpty();
        error.QuerySelectorAll("a").ShouldBeEmpty();
        (await CaseWithDescriptionAsync("Card test: forged.")).ShouldBeNull();
    }

    [Fact]
    public async Task An_oversized_card_is_refused_and_stores_nothing()
    {
        using var patient = fixture.Anonymous();
        var answers = Answers("Card test: huge " + new string('x', 40_000));

        var response = await patient.SubmitAsync(CardUrl, "#comment-card-form", answers);

        ((int)response.StatusCode).ShouldBeInRange(400, 499);
        (await fixture.App.WithDbAsync(db => db.Defects.AnyAsync(d => d.Description.StartsWith("Card test: huge")))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_long_story_gets_a_message_not_an_error()
    {
        using var patient = fixture.Anonymous();
        var response = await patient.SubmitAsync(CardUrl, "#comment-card-form", Answers("Card test: long " + new string('y', 2_100)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebClient.ParseAsync(response)).QuerySelector("[data-valmsg-for='Input.Description']")!.TextContent.ShouldBe("Please keep it to 2000 characters.");
    }

    [Fact]
    public async Task What_the_patient_wrote_never_reaches_the_logs_or_the_address()
    {
        using var patient = fixture.Anonymous();
        const string description = "Card test: Zanzibar-Quokka toothache story.";
        var response = await patient.SubmitAsync(CardUrl, "#comment-card-form",
            Answers(description, mayContact: true, name: "Quintessa Marchbanks", phone: "0499 876 543", email: "quintessa@example.test"));

        response.Headers.Location!.OriginalString.ShouldNotContain("Quintessa");
        var logs = await fixture.App.ReadLogsAsync();
        logs.ShouldContain("CommentCard.Command");
        logs.ShouldNotContain("Zanzibar");
        logs.ShouldNotContain("Quintessa");
        logs.ShouldNotContain("876 543");
        logs.ShouldNotContain("quintessa@example.test");
    }
}
