using System.Globalization;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>One table of the complaints report: a line per figure, a value per practice (null where a practice's profile does not ask for the line).</summary>
public sealed record ComplaintTable(string Id, string Title, string Caption, string EmptyText, IReadOnlyList<ComplaintLine> Lines);

/// <summary>One figure: its label and a value per practice, in the order of the report's practices.</summary>
public sealed record ComplaintLine(string Label, IReadOnlyList<ComplaintValue?> Values);

/// <summary>A count, a share (0–100) or a mean, formatted in the page's culture or invariantly for the CSV; or a short text.</summary>
public sealed record ComplaintValue(double? Number, ComplaintValueKind Kind, string? Text = null)
{
    public static ComplaintValue Count(int count) => new(count, ComplaintValueKind.Count);

    public static ComplaintValue Share(int part, int whole) => new(whole == 0 ? null : Math.Round(100.0 * part / whole, 1), ComplaintValueKind.Percent);

    public static ComplaintValue Mean(double? mean) => new(mean is { } m ? Math.Round(m, 1) : null, ComplaintValueKind.Mean);

    public static ComplaintValue Words(string text) => new(null, ComplaintValueKind.Text, text);

    public string Format(CultureInfo culture) => Kind == ComplaintValueKind.Text ? Text ?? ""
        : Number is not { } n ? "—"
        : Kind switch
        {
            ComplaintValueKind.Count => n.ToString("N0", culture),
            ComplaintValueKind.Percent => n.ToString("0.0", culture) + " %",
            _ => n.ToString("0.0", culture),
        };

    /// <summary>For the CSV: culture-invariant numbers with no grouping, a share as a plain number of percent.</summary>
    public string Invariant => Kind == ComplaintValueKind.Text ? Text ?? "" : Number?.ToString("0.#", CultureInfo.InvariantCulture) ?? "";
}

public enum ComplaintValueKind
{
    Count,
    Percent,
    Mean,
    Text,
}

/// <summary>Builds the report's tables from each practice's figures.</summary>
public static class ComplaintTables
{
    public const string RequiredId = "complaints-required";

    public static IReadOnlyList<ComplaintTable> Build(ReportPeriod period, IReadOnlyList<ComplaintFigures.Data> practices)
    {
        var when = $"complaints received from {ReportPeriod.Format(period.From)} to {ReportPeriod.Format(period.To)}";
        return
        [
            Required(practices, when),
            new ComplaintTable("complaints-received", "Received, by how the complaint was made", $"Formal complaints received, by how they were made: {when}", "",
            [
                Line("Received", practices, p => ComplaintValue.Count(p.Received)),
                .. Enum.GetValues<ComplaintChannel>().Select(channel =>
                    Line(channel.Words(), practices, p => ComplaintValue.Count(p.ByChannel.GetValueOrDefault(channel)))),
            ]),
            new ComplaintTable("complaints-handling", "Handling", $"Acknowledgements and responses against the complaint's clocks, pauses and lessons: {when}", "",
            [
                Line("Acknowledged within the time", practices, p => ComplaintValue.Count(p.AcknowledgedInTime)),
                Line("Acknowledged within the time, share of those received", practices, p => ComplaintValue.Share(p.AcknowledgedInTime, p.Received)),
                Line("Responded", practices, p => ComplaintValue.Count(p.Responded)),
                Line("Responded within the time", practices, p => ComplaintValue.Count(p.RespondedInTime)),
                Line("Responded within the time, share of those responded", practices, p => ComplaintValue.Share(p.RespondedInTime, p.Responded)),
                Line("Clock paused at least once (waiting for the patient)", practices, p => ComplaintValue.Count(p.Paused)),
                Line("Lessons recorded on these cases", practices, p => ComplaintValue.Count(p.Lessons)),
            ]),
            new ComplaintTable("complaints-outcomes", "Outcomes", $"What the practice found, and referrals to the escalation body: {when}", "",
            [
                .. Enum.GetValues<ComplaintFinding>().Select(finding =>
                    Line(finding.Words(), practices, p => ComplaintValue.Count(p.ByFinding.GetValueOrDefault(finding)))),
                Line("Well-founded (upheld or partly upheld)", practices, p => ComplaintValue.Count(p.WellFounded)),
                Line("Responded, outcome not yet recorded", practices, p => ComplaintValue.Count(p.Responded - p.ByFinding.Values.Sum())),
                Line("Still open (no final response yet)", practices, p => ComplaintValue.Count(p.Open)),
                Line("Referred to the escalation body", practices, p => ComplaintValue.Count(p.Referred)),
            ]),
            Named("complaints-stages", "Subjects, by stage of the patient's journey", $"Formal complaints by the stage the defect happened at: {when}",
                "No stage to show.", practices, p => p.Stages),
            Named("complaints-categories", "Subjects, by defect category", $"Formal complaints by the category of the defect: {when}",
                "No category to show.", practices, p => p.Categories),
            new ComplaintTable("complaints-improvements", "Improvements made", $"Improvements linked to the complaints' cases, with how many of those complaints each answers: {when}",
                "No improvement is linked to these complaints' cases yet.",
                practices.SelectMany(p => p.Improvements.Select(i => i.Title)).Distinct().Order(StringComparer.CurrentCulture)
                    .Select(title => Line(title, practices, p => p.Improvements.FirstOrDefault(i => i.Title == title) is { } i ? ComplaintValue.Count(i.Complaints) : null))
                    .ToList()),
        ];
    }

    /// <summary>The lines each practice's profile asks for; a line another practice's profile does not ask for is blank for it.</summary>
    private static ComplaintTable Required(IReadOnlyList<ComplaintFigures.Data> practices, string when)
    {
        var lines = new List<(string Label, Dictionary<int, ComplaintValue> Values)>();
        for (var i = 0; i < practices.Count; i++)
        {
            foreach (var (label, value) in RequiredLines(practices[i]))
            {
                var line = lines.Find(l => l.Label == label);
                if (line.Label is null)
                {
                    line = (label, []);
                    lines.Add(line);
                }

                line.Values[i] = value;
            }
        }

        var profiles = practices.Select(p => p.Profile?.Name ?? "no complaint profile chosen").Distinct();
        return new ComplaintTable(RequiredId, "What the complaint rules ask the practice to report",
            $"The annual report lines of {string.Join("; ", profiles)}: {when}", "",
            lines.Select(l => new ComplaintLine(l.Label, [.. Enumerable.Range(0, practices.Count).Select(i => l.Values.GetValueOrDefault(i))])).ToList());
    }

    /// <summary>
    /// NHS England: regulation 18 of the 2009 complaints regulations (number received, number well-founded, number
    /// referred to the Ombudsman; the subjects and improvements tables follow). UK private: the GDC's record of every
    /// complaint and its reply. Victoria and AS 10002: the clocks and the complainants' satisfaction with the handling.
    /// HIPAA: the record count and how long the records are kept.
    /// </summary>
    private static IEnumerable<(string Label, ComplaintValue Value)> RequiredLines(ComplaintFigures.Data p)
    {
        var profile = p.Profile;
        if (profile is null)
        {
            yield return ("Complaints received", ComplaintValue.Count(p.Received));
            yield break;
        }

        var referred = $"Referred to {Body(profile.Escalation.Name)}";
        if (profile.Id == JurisdictionProfiles.EnglandNhs.Id)
        {
            yield return ("Complaints received", ComplaintValue.Count(p.Received));
            yield return ("Complaints well-founded (upheld or partly upheld)", ComplaintValue.Count(p.WellFounded));
            yield return (referred, ComplaintValue.Count(p.Referred));
            yield return ("Responses within the agreed time", ComplaintValue.Count(p.RespondedInTime));
            yield return ("Responses within the agreed time, share", ComplaintValue.Share(p.RespondedInTime, p.Responded));
        }
        else if (profile.Id == JurisdictionProfiles.UnitedKingdomPrivate.Id)
        {
            yield return ("Complaints recorded", ComplaintValue.Count(p.Received));
            yield return ("Replies sent", ComplaintValue.Count(p.Responded));
            yield return ("Acknowledged within the time", ComplaintValue.Count(p.AcknowledgedInTime));
            yield return ("Replied within the time", ComplaintValue.Count(p.RespondedInTime));
            yield return (referred, ComplaintValue.Count(p.Referred));
        }
        else if (profile.Id == JurisdictionProfiles.UnitedStates.Id)
        {
            yield return ("Complaint records", ComplaintValue.Count(p.Received));
            yield return ("Complaints with a documented disposition", ComplaintValue.Count(p.ByFinding.Values.Sum()));
            yield return ("Keep these records for", ComplaintValue.Words($"{profile.RetentionYears} years from the complaint (45 CFR 164.530(j)(2))"));
        }
        else
        {
            yield return ("Complaints received", ComplaintValue.Count(p.Received));
            yield return ("Acknowledged within the time", ComplaintValue.Count(p.AcknowledgedInTime));
            yield return ("Resolved within the time", ComplaintValue.Count(p.RespondedInTime));
            yield return (referred, ComplaintValue.Count(p.Referred));
            yield return ("Handling satisfaction: recovery surveys answered", ComplaintValue.Count(p.Surveys.Answered));
            yield return ("Handling satisfaction: \"treated with respect\", mean of 5", ComplaintValue.Mean(p.Surveys.TreatedWithRespect));
            yield return ("Handling satisfaction: \"easy and quick\", mean of 5", ComplaintValue.Mean(p.Surveys.EasyAndQuick));
            yield return ("Handling satisfaction: \"the outcome was fair\", mean of 5", ComplaintValue.Mean(p.Surveys.OutcomeFair));
        }
    }

    private static string Body(string name) => name.StartsWith("The ", StringComparison.Ordinal) ? "t" + name[1..] : "the " + name;

    private static ComplaintLine Line(string label, IReadOnlyList<ComplaintFigures.Data> practices, Func<ComplaintFigures.Data, ComplaintValue?> value) =>
        new(label, practices.Select(value).ToList());

    private static ComplaintTable Named(string id, string title, string caption, string empty, IReadOnlyList<ComplaintFigures.Data> practices,
        Func<ComplaintFigures.Data, IReadOnlyList<PracticeFigures.NamedCount>> counts)
    {
        var names = practices.SelectMany(counts).GroupBy(n => n.Name).OrderBy(g => g.Min(n => n.Position)).ThenBy(g => g.Key, StringComparer.CurrentCulture).Select(g => g.Key);
        return new ComplaintTable(id, title, caption, empty,
            names.Select(name => Line(name, practices, p => ComplaintValue.Count(counts(p).Where(n => n.Name == name).Sum(n => n.Count)))).ToList());
    }
}
