namespace ServiceRecovery.Domain;

/// <summary>
/// The words a practice starts with, one template per kind, and the default "how to take it further". Kept here and nowhere
/// else: a practice that has not saved a kind reads these, and its first visit to the templates page stores them as version 1.
/// </summary>
public static class ShippedLetters
{
    public sealed record Shipped(LetterKind Kind, string Name, string Subject, string Body);

    public static readonly IReadOnlyList<Shipped> All =
    [
        new(LetterKind.Apology, "We are sorry", "We are sorry about your visit on {{ visit.date }}",
            """
            Dear {{ patient.first_name }},

            Thank you for telling us about your visit on {{ visit.date }}. We are sorry. It was not the care we want every patient to have, and we understand why you were let down.

            {{ case.owner_name }} is looking after this for you personally and will keep you up to date. If you would like to talk to us in the meantime, please {% if practice.phone != "" %}call us on {{ practice.phone }}{% else %}get in touch{% endif %} and mention reference {{ case.reference }}.

            With our apologies,
            {{ case.owner_name }}
            {{ practice.name }}
            """),
        new(LetterKind.FixDone, "We have put it right", "We have put it right: {{ case.reference }}",
            """
            Dear {{ patient.first_name }},

            We promised to put right what went wrong at your visit on {{ visit.date }}, and we have.

            What we changed: {{ case.what_we_changed }}

            Thank you for your patience while we did this. If anything still does not feel right, please tell us{% if practice.phone != "" %} on {{ practice.phone }}{% endif %}.

            Kind regards,
            {{ case.owner_name }}
            {{ practice.name }}
            """),
        new(LetterKind.Outcome, "The outcome of your concern", "The outcome of your concern: {{ case.reference }}",
            """
            Dear {{ patient.first_name }},

            Thank you for raising your concern about your visit on {{ visit.date }}. We have looked into it carefully, and this letter tells you what we found and what we have done.

            What we found: {{ case.findings }}

            We are sorry. You should not have had this experience, and we appreciate you taking the time to tell us.

            What we changed: {{ case.what_we_changed }}
            {% if case.what_we_gave != "" %}
            As a small way of saying sorry, we have offered you: {{ case.what_we_gave }}
            {% endif %}
            If you are not happy with this outcome, please talk to us first{% if practice.phone != "" %} on {{ practice.phone }}{% endif %}. If you would still like to take it further: {{ practice.further_steps }}

            Yours sincerely,
            {{ case.owner_name }}
            {{ practice.name }}
            {{ practice.address }}
            """),
        new(LetterKind.FollowUp, "How are things now?", "How are things now? {{ practice.name }}",
            """
            Dear {{ patient.first_name }},

            We wanted to check in after your visit on {{ visit.date }} and the changes we made since. How are things now?

            If there is anything more we can do, just reply{% if practice.phone != "" %} or call us on {{ practice.phone }}{% endif %}.

            Warm regards,
            {{ case.owner_name }}
            {{ practice.name }}
            """),
        new(LetterKind.WelcomeBack, "Welcome back", "Welcome back to {{ practice.name }}",
            """
            Dear {{ patient.first_name }},

            Thank you for coming back to us. After your visit on {{ visit.date }} we know trust has to be earned again, and we are glad of the chance.

            The whole team knows you are coming, and we will do everything we can to make this visit a good one.

            See you soon,
            {{ case.owner_name }}
            {{ practice.name }}
            """),
        new(LetterKind.ComplaintAcknowledgement, "Complaint acknowledgement", "We have received your complaint: {{ case.reference }}",
            """
            Dear {{ patient.first_name }},

            Thank you for your complaint about your visit on {{ visit.date }}, which we received on {{ complaint.received_on }}. We take it seriously, and we are grateful you took the time to tell us.

            We would like to talk with you about how we will look into it and what you would like to happen. Please {% if practice.phone != "" %}call us on {{ practice.phone }}{% else %}get in touch{% endif %} and mention reference {{ case.reference }}.
            {% if complaint.respond_by != "" %}
            You will hear from us with our full response by {{ complaint.respond_by }}. If we need longer, we will tell you why and when to expect it.
            {% endif %}
            {{ case.owner_name }} is looking after your complaint; please contact them with any questions.

            Yours sincerely,
            {{ case.owner_name }}
            {{ practice.name }}
            {{ practice.address }}
            """),
        new(LetterKind.ComplaintResponse, "Complaint final response", "Our response to your complaint: {{ case.reference }}",
            """
            Dear {{ patient.first_name }},

            Thank you for your complaint about your visit on {{ visit.date }}, received on {{ complaint.received_on }}. We have looked into it carefully, and this is our final response.

            What we found: {{ case.findings }}

            Where we fell short, we are sorry. You should not have had this experience.

            What we have done and changed: {{ case.what_we_changed }}
            {% if case.what_we_gave != "" %}
            As a way of saying sorry, we have offered you: {{ case.what_we_gave }}
            {% endif %}
            If you are not satisfied with our response, you have the right to ask {{ complaint.escalation_body }} to look at your complaint independently: {{ complaint.escalation_address }}.

            Yours sincerely,
            {{ case.owner_name }}
            {{ practice.name }}
            {{ practice.address }}
            """),
    ];

    public static Shipped For(LetterKind kind) => All.Single(s => s.Kind == kind);

    /// <summary>How a patient can take a complaint further, where the practice has not written its own.</summary>
    public static string FurtherStepsFor(string culture) => culture switch
    {
        "en-GB" => "You can ask the Parliamentary and Health Service Ombudsman to look at your complaint: www.ombudsman.org.uk or 0345 015 4033. They are independent of the NHS and of us.",
        "en-AU" => "You can contact the health complaints commissioner in your state or territory, who can look at your complaint independently.",
        "en-NZ" => "You can contact the Health and Disability Commissioner (hdc.org.nz, 0800 11 22 33), who can look at your complaint independently.",
        _ => "You can contact the body that registers dental practices where you live, who can look at your complaint independently.",
    };

    public const int FurtherStepsLength = 1000;
}
