using System.Net;
using System.Text;
using ServiceRecovery.Web.Email;
using ServiceRecovery.Web.Features.WelcomeBacks;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Notifications;

/// <summary>
/// The words of reminder email. Case references, steps, times and links only: never a patient's name,
/// contact details or what happened — email leaves the practice's systems.
/// </summary>
public static class ReminderEmails
{
    /// <summary>At most this many lines per list; the rest is "and N more" with a link to the queue.</summary>
    public const int MaxLines = 50;

    public sealed record Email(string Subject, string Text, string Html);

    /// <summary>The same lines as the start of both parts of an email: a blank line after each in the text, a paragraph each, encoded, in the HTML.</summary>
    public static (StringBuilder Text, StringBuilder Html) Paragraphs(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        var html = new StringBuilder();
        foreach (var line in lines)
        {
            text.AppendLine(line).AppendLine();
            html.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>");
        }

        return (text, html);
    }

    public sealed record StepLine(Guid CaseId, string Reference, ServiceStep Step, DateTimeOffset DueAt, bool Overdue);

    public sealed record ApprovalLine(Guid CaseId, string Reference, decimal Amount, string AskedBy, DateTimeOffset AskedAt);

    /// <summary>A cancellation or no-show of the patient of an open case, as the PMS reported it.</summary>
    public sealed record MissedLine(Guid CaseId, string Reference, DateTimeOffset StartsAt, AppointmentStatus Status);

    /// <summary>A patient with a recent recovery booked today: the case, the time, the stage and the gesture; never the patient's name.</summary>
    public sealed record WelcomeBackLine(Guid CaseId, string Reference, DateTimeOffset StartsAt, string Stage, string Gesture);

    /// <summary>
    /// A formal complaint's clock in the digest of <see cref="Day"/>: the reference, which clock and its due date; never the
    /// patient or what the complaint says.
    /// </summary>
    public sealed record ComplaintClockLine(Guid CaseId, string Reference, ComplaintClockKind Clock, DateOnly Due, DateOnly Day)
    {
        public bool Overdue => Due < Day;

        public string Words(PracticeLocale locale)
        {
            var date = Due.ToString("ddd d MMM yyyy", locale.CultureInfo);
            var what = Clock.Words();
            return Due < Day ? $"{Reference} — {what} is overdue: it was due on {date}"
                : Due == Day ? $"{Reference} — {what} is due today ({date})"
                : Due == Day.AddDays(1) ? $"{Reference} — {what} is due tomorrow ({date})"
                : $"{Reference} — {what} is due on {date}, the next working day";
        }
    }

    public sealed record ManagerSection(IReadOnlyList<StepLine> Overdue, int OverdueCases, IReadOnlyList<ApprovalLine> Approvals);

    public static Email Escalation(string practiceName, string reference, DateTimeOffset dueAt, DateTimeOffset now, string? ownerName, Uri caseLink, PracticeLocale locale)
    {
        var subject = $"Overdue apology: {reference} at {practiceName}";
        var owner = ownerName ?? "no one yet (unassigned)";
        var lines = new[]
        {
            $"Say sorry on case {reference} was due at {locale.Format(dueAt)} and is overdue by {Durations.Describe(now - dueAt)}.",
            $"Owner: {owner}.",
            "A quick, sincere apology is the first step of the recovery: please make sure someone says sorry now, then record it on the case.",
        };
        var (text, html) = Paragraphs(lines);
        text.AppendLine($"Open the case: {caseLink}");
        html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(caseLink.ToString())).Append("\">Open case ")
            .Append(WebUtility.HtmlEncode(reference)).Append("</a></p>");
        return new Email(subject, text.ToString(), Wrap(html.ToString()));
    }

    /// <summary>
    /// A formal complaint's warning ("SR-2026-0042: the acknowledgement is due tomorrow (3 working days, England, NHS dental care)")
    /// or escalation: the reference, what is due, the date, the rule and a link. Never the patient's name or details.
    /// </summary>
    public static Email ComplaintReminder(
        string practiceName, string reference, ComplaintReminder reminder, DateOnly today, string ruleWords, string? profileName, string? ownerName, Uri caseLink, PracticeLocale locale)
    {
        var what = reminder.Clock.Words();
        var rule = profileName is null ? ruleWords : $"{ruleWords}, {profileName}";
        var date = reminder.Due.ToString("ddd d MMM yyyy", locale.CultureInfo);
        var when = reminder.Due == today ? "today" : reminder.Due == today.AddDays(1) ? "tomorrow" : $"on {date}";
        var warning = reminder.Kind == ComplaintReminderKind.Warning;
        var subject = warning ? $"{reference}: {what} is due {when} ({rule})" : $"{reference}: {what} is overdue, it was due on {date} ({rule})";
        var lines = new[]
        {
            warning
                ? $"On formal complaint {reference} at {practiceName}, {what} is due {when} ({date}): {rule}."
                : $"On formal complaint {reference} at {practiceName}, {what} was due on {date} and has not been recorded: {rule}.",
            $"Owner: {ownerName ?? "no one yet (unassigned)"}.",
            reminder.Clock == ComplaintClockKind.Acknowledge
                ? "Send the acknowledgement letter from the case page, which records it."
                : "Send the final response letter from the case page, which records it; or pause the clock if you are waiting for the patient.",
        };
        var (text, html) = Paragraphs(lines);
        text.AppendLine($"Open the case: {caseLink}");
        html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(caseLink.ToString())).Append("\">Open case ")
            .Append(WebUtility.HtmlEncode(reference)).Append("</a></p>");
        return new Email(subject, text.ToString(), Wrap(html.ToString()));
    }

    public static Email Digest(
        string practiceName, string recipientName, DateOnly day, IReadOnlyList<StepLine> own, ManagerSection? manager,
        EmailLinks links, PracticeLocale locale, DateTimeOffset now, IReadOnlyList<MissedLine>? missed = null,
        IReadOnlyList<WelcomeBackLine>? welcomeBack = null, IReadOnlyList<ComplaintClockLine>? complaintClocks = null)
    {
        var subject = $"{practiceName}: your service recovery digest for {day.ToString("ddd d MMM", locale.CultureInfo)}";
        var text = new StringBuilder().AppendLine($"Good morning {recipientName},").AppendLine();
        var html = new StringBuilder().Append("<p>Good morning ").Append(WebUtility.HtmlEncode(recipientName)).Append(",</p>");

        if (own.Count > 0)
        {
            Section(text, html, $"Your cases: {own.Count(l => l.Overdue)} step(s) overdue, {own.Count(l => !l.Overdue)} due today",
                own.Select(l => (l.CaseId, $"{l.Reference} — {l.Step.Title()} {(l.Overdue ? "overdue since" : "due at")} {locale.FormatShort(l.DueAt)}")),
                own.Count, links);
        }

        if (complaintClocks is { Count: > 0 })
        {
            var overdue = complaintClocks.Count(c => c.Overdue);
            var today = complaintClocks.Count(c => c.Due == day);
            Section(text, html, $"Formal complaint clocks: {overdue} overdue, {today} due today, {complaintClocks.Count - overdue - today} due next working day",
                complaintClocks.Select(c => (c.CaseId, c.Words(locale))), complaintClocks.Count, links);
        }

        if (missed is { Count: > 0 })
        {
            MissedVisits(text, html, missed, links, locale);
        }

        if (manager is not null)
        {
            if (manager.OverdueCases > 0)
            {
                Section(text, html, $"Overdue in the practice: {manager.OverdueCases} case(s)",
                    manager.Overdue.Select(l => (l.CaseId, $"{l.Reference} — {l.Step.Title()} overdue by {Durations.Describe(now - l.DueAt)}")),
                    manager.OverdueCases, links);
            }

            if (manager.Approvals.Count > 0)
            {
                Section(text, html, $"Gestures awaiting your approval: {manager.Approvals.Count}",
                    manager.Approvals.Select(a => (a.CaseId, $"{a.Reference} — {locale.Money(a.Amount)} asked by {a.AskedBy} on {locale.FormatShort(a.AskedAt)}")),
                    manager.Approvals.Count, links);
                text.AppendLine($"Approve or decline: {links.Approvals}").AppendLine();
                html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(links.Approvals.ToString())).Append("\">Approve or decline</a></p>");
            }
        }

        if (welcomeBack is { Count: > 0 })
        {
            Section(text, html, $"Welcome back today: {welcomeBack.Count}",
                welcomeBack.Select(w => (w.CaseId, $"{w.Reference} — {WelcomeBackList.TimeOf(w.StartsAt, locale)}, {w.Stage}; suggested: {w.Gesture}")),
                welcomeBack.Count, links);
        }

        text.AppendLine($"The queue: {links.Queue}")
            .AppendLine()
            .AppendLine($"You get this digest each morning. To stop it, change your email preferences: {links.Preferences}");
        html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(links.Queue.ToString())).Append("\">Open the queue</a></p>")
            .Append("<p><small>You get this digest each morning. <a href=\"").Append(WebUtility.HtmlEncode(links.Preferences.ToString()))
            .Append("\">Change your email preferences</a> to stop it.</small></p>");
        return new Email(subject, text.ToString(), Wrap(html.ToString()));
    }

    /// <summary>The owner's warning signs: the case reference and the appointment's day, never who the patient is.</summary>
    private static void MissedVisits(StringBuilder text, StringBuilder html, IReadOnlyList<MissedLine> missed, EmailLinks links, PracticeLocale locale) =>
        Section(text, html, $"Warning signs on your open cases: {missed.Count} missed visit(s)",
            missed.Select(m => (m.CaseId, $"{m.Reference}: the patient {(m.Status == AppointmentStatus.NoShow ? "did not attend" : "cancelled")} their appointment of {locale.ToLocal(m.StartsAt).ToString("d MMM", locale.CultureInfo)}")),
            missed.Count, links);

    private static void Section(StringBuilder text, StringBuilder html, string heading, IEnumerable<(Guid CaseId, string Line)> lines, int total, EmailLinks links)
    {
        text.AppendLine(heading);
        html.Append("<h2>").Append(WebUtility.HtmlEncode(heading)).Append("</h2><ul>");
        var shown = 0;
        foreach (var (caseId, line) in lines.Take(MaxLines))
        {
            shown++;
            var link = links.Case(caseId).ToString();
            text.AppendLine($"- {line}: {link}");
            html.Append("<li><a href=\"").Append(WebUtility.HtmlEncode(link)).Append("\">").Append(WebUtility.HtmlEncode(line)).Append("</a></li>");
        }

        if (total > shown)
        {
            text.AppendLine($"- and {total - shown} more in the queue");
            html.Append("<li>and ").Append(total - shown).Append(" more in the queue</li>");
        }

        text.AppendLine();
        html.Append("</ul>");
    }

    internal static string Wrap(string body) =>
        "<!DOCTYPE html><html><body style=\"font-family:system-ui,sans-serif;line-height:1.4\">" + body + "</body></html>";
}
