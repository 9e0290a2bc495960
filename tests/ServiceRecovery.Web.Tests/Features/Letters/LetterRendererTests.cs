using Fluid;
using ServiceRecovery.Domain;
using ServiceRecovery.Web.Features.Letters;

namespace ServiceRecovery.Web.Tests.Features.Letters;

public sealed class LetterRendererTests
{
    private static readonly PracticeLocale Locale = new("Europe/London", "en-GB", "GBP");

    private static LetterFields Fields(string firstName = "Alex") =>
        LetterFields.Sample("Harbourside Dental", "1 Quay St", "020 7946 0000", "Ask the ombudsman.", Locale, new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)) with { PatientFirstName = firstName };

    [Fact]
    public void A_template_fills_in_the_merge_fields_in_text()
    {
        LetterRenderer.Render("Dear {{ patient.first_name }}, about {{ case.reference }} on {{ visit.date }}.", Fields(), LetterFormat.Text)
            .ShouldBe("Dear Alex, about XX-2026-0001 on 1 December 2026.");
    }

    [Fact]
    public void A_merge_value_with_script_is_encoded_in_html_and_left_as_it_is_in_text()
    {
        var fields = Fields("<script>alert(1)</script>");

        var html = LetterRenderer.Render("Dear {{ patient.first_name }}", fields, LetterFormat.Html);
        var text = LetterRenderer.Render("Dear {{ patient.first_name }}", fields, LetterFormat.Text);

        html.ShouldNotContain("<script>");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        text.ShouldBe("Dear <script>alert(1)</script>");
    }

    [Fact]
    public void A_template_body_with_markup_renders_encoded_in_html()
    {
        var html = LetterRenderer.Render("<b onclick=\"x()\">Hello</b> <script>steal()</script> {{ patient.first_name }}", Fields(), LetterFormat.Html);

        html.ShouldNotContain("<b");
        html.ShouldNotContain("<script>");
        html.ShouldContain("&lt;script&gt;steal()&lt;/script&gt;");
        html.ShouldStartWith("<p>&lt;b onclick=");
    }

    [Fact]
    public void Blank_lines_make_paragraphs_and_line_breaks_stay_in_html()
    {
        LetterRenderer.Render("Dear {{ patient.first_name }},\n\nThank you.\nKind regards", Fields(), LetterFormat.Html)
            .ShouldBe("<p>Dear Alex,</p>\n<p>Thank you.<br>Kind regards</p>\n");
    }

    [Fact]
    public void A_template_with_an_unknown_field_is_refused_naming_it_and_the_field_it_might_mean()
    {
        var refusal = Should.Throw<DomainRuleException>(() => LetterTemplating.Check("Body", "Dear {{ patient.frist_name }}"));

        refusal.Field.ShouldBe("Body");
        refusal.Message.ShouldBe("patient.frist_name is not a merge field; did you mean patient.first_name?");
    }

    [Fact]
    public void A_field_that_is_not_offered_cannot_be_read_even_in_a_condition()
    {
        Should.Throw<DomainRuleException>(() => LetterTemplating.Check("Body", "{% if patient.email %}x{% endif %}"))
            .Message.ShouldStartWith("patient.email is not a merge field");
    }

    [Fact]
    public void A_parse_error_names_the_line_and_column()
    {
        var refusal = Should.Throw<DomainRuleException>(() => LetterTemplating.Check("Body", "Dear {{ patient.first_name }},\n\nWe {% if %} are sorry."));

        refusal.Field.ShouldBe("Body");
        refusal.Message.ShouldStartWith("The body cannot be read:");
        refusal.Message.ShouldContain("line 3, column");
    }

    [Fact]
    public void A_loop_is_refused_and_renders_nothing()
    {
        Should.Throw<DomainRuleException>(() => LetterTemplating.Check("Body", "{% for i in (1..100000000) %}{{ i }}{% endfor %}"))
            .Message.ShouldStartWith("A letter cannot use {% for %}");
        Should.Throw<DomainRuleException>(() => LetterRenderer.Render("{% for i in (1..100000000) %}x{% endfor %}", Fields(), LetterFormat.Text));
    }

    [Fact]
    public void An_assignment_is_refused()
    {
        Should.Throw<DomainRuleException>(() => LetterTemplating.Check("Body", "{% assign x = 'y' %}{{ x }}"))
            .Message.ShouldStartWith("A letter cannot use {% assign %}");
    }

    [Fact]
    public void A_filter_outside_the_allowed_text_filters_is_refused()
    {
        Should.Throw<DomainRuleException>(() => LetterTemplating.Check("Body", "{{ patient.first_name | json }}"))
            .Message.ShouldStartWith("The filter json cannot be used in a letter");
        LetterRenderer.Render("{{ patient.first_name | upcase }}", Fields(), LetterFormat.Text).ShouldBe("ALEX");
    }

    [Fact]
    public void A_condition_on_a_merge_field_leaves_out_the_part_when_the_value_is_empty()
    {
        const string text = "Sorry.{% if case.what_we_gave != \"\" %} We gave {{ case.what_we_gave }}.{% endif %}";

        LetterRenderer.Render(text, Fields() with { CaseWhatWeGave = "" }, LetterFormat.Text).ShouldBe("Sorry.");
        LetterRenderer.Render(text, Fields(), LetterFormat.Text).ShouldBe("Sorry. We gave A refund of £60.00.");
    }

    [Fact]
    public void Every_shipped_letter_is_a_valid_template()
    {
        foreach (var shipped in ShippedLetters.All)
        {
            LetterTemplating.Check("Subject", shipped.Subject);
            LetterTemplating.Check("Body", shipped.Body);
        }
    }

    [Fact]
    public void A_shipped_letter_for_a_practice_with_no_phone_never_reads_call_us_on_nothing()
    {
        foreach (var shipped in ShippedLetters.All)
        {
            var without = LetterRenderer.Render(shipped.Body, Fields() with { PracticePhone = "" }, LetterFormat.Text);
            var with = LetterRenderer.Render(shipped.Body, Fields(), LetterFormat.Text);

            without.ShouldNotMatch(@"\bon\s*[.,]|\bon\s+and\b", $"the {shipped.Kind} letter without a phone");
            if (shipped.Body.Contains("practice.phone", StringComparison.Ordinal))
            {
                with.ShouldContain("020 7946 0000", customMessage: $"the {shipped.Kind} letter with a phone");
            }
        }

        LetterRenderer.Render(ShippedLetters.All.Single(l => l.Kind == LetterKind.Outcome).Body, Fields() with { PracticePhone = "" }, LetterFormat.Text)
            .ShouldContain("please talk to us first. If you would still like to take it further");
    }

    [Fact]
    public void The_sandbox_reads_nothing_but_the_merge_fields_even_without_the_check()
    {
        // The options alone: a template that reached past the check still could not read a .NET member of a group.
        var template = new FluidParser().Parse("[{{ patient.Read }}][{{ patient.GetType }}][{{ patient.first_name.Length }}]");
        var context = new TemplateContext(LetterTemplating.Options);
        context.SetValue("patient", new FieldGroup(new Dictionary<string, string> { ["first_name"] = "Alex" }));

        template.Render(context).ShouldBe("[][][]");
    }
}
