namespace ServiceRecovery.Web.Features.Letters;

/// <summary>
/// The values a letter to the patient can use, already in words (dates in the practice's culture, money in its currency).
/// The one list of merge fields is <see cref="All"/>: a template may read these and nothing else.
/// </summary>
public sealed record LetterFields(
    string PatientFirstName,
    string PracticeName,
    string PracticeAddress,
    string PracticePhone,
    string PracticeFurtherSteps,
    string CaseReference,
    string CaseFindings,
    string CaseWhatWeChanged,
    string CaseWhatWeGave,
    string CaseOwnerName,
    string VisitDate,
    string ComplaintReceivedOn = "",
    string ComplaintRespondBy = "",
    string ComplaintEscalationBody = "",
    string ComplaintEscalationAddress = "")
{
    /// <summary>One merge field: its name in a template (<c>{{ patient.first_name }}</c>), what it holds, and its value.</summary>
    public sealed record Field(string Name, string Meaning, Func<LetterFields, string> Value)
    {
        public string Group => Name[..Name.IndexOf('.')];
        public string Member => Name[(Name.IndexOf('.') + 1)..];
        public string Tag => $"{{{{ {Name} }}}}";
    }

    public static readonly IReadOnlyList<Field> All =
    [
        new("patient.first_name", "The patient's first name", f => f.PatientFirstName),
        new("practice.name", "The practice's name", f => f.PracticeName),
        new("practice.address", "The practice's address, as it is printed", f => f.PracticeAddress),
        new("practice.phone", "The practice's phone number", f => f.PracticePhone),
        new("practice.further_steps", "How the patient can take a complaint further (Settings)", f => f.PracticeFurtherSteps),
        new("case.reference", "The case's reference, such as HB-2026-0042", f => f.CaseReference),
        new("case.findings", "What happened, as logged on the case", f => f.CaseFindings),
        new("case.what_we_changed", "The fix and the improvements linked to the case", f => f.CaseWhatWeChanged),
        new("case.what_we_gave", "The gestures given, in words, with amounts in the practice's currency; empty when none", f => f.CaseWhatWeGave),
        new("case.owner_name", "The name of the person looking after the case", f => f.CaseOwnerName),
        new("visit.date", "The date of the visit the concern is about, in the practice's culture", f => f.VisitDate),
        new("complaint.received_on", "The date the formal complaint was received; empty when the case is not a formal complaint", f => f.ComplaintReceivedOn),
        new("complaint.respond_by", "The date the final response is due (the complaint's clock); empty when not a formal complaint or while paused", f => f.ComplaintRespondBy),
        new("complaint.escalation_body", "Who the patient can take the complaint to (the complaint's profile); empty when not a formal complaint", f => f.ComplaintEscalationBody),
        new("complaint.escalation_address", "That body's address and web site; empty when not a formal complaint", f => f.ComplaintEscalationAddress),
    ];

    public static readonly IReadOnlySet<string> Names = All.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Values for a preview when the practice has no case yet: plainly samples.</summary>
    public static LetterFields Sample(string practiceName, string? address, string? phone, string furtherSteps, PracticeLocale locale, DateTimeOffset now) => new(
        "Alex",
        practiceName,
        address ?? "1 Sample Street",
        phone ?? "01234 567890",
        furtherSteps,
        "XX-2026-0001",
        "The appointment started 40 minutes late and nobody told you why.",
        "Reception now tells every waiting patient when the clinician is running more than 15 minutes late.",
        $"A refund of {locale.Money(60m)}",
        "Sam Sample",
        locale.DateAt(now).ToString("d MMMM yyyy", locale.CultureInfo),
        locale.DateAt(now).ToString("d MMMM yyyy", locale.CultureInfo),
        locale.DateAt(now).AddDays(30).ToString("d MMMM yyyy", locale.CultureInfo),
        "the independent complaints body",
        "1 Sample Street, www.example.org");
}
