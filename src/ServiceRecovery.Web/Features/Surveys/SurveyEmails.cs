using System.Net;
using ServiceRecovery.Web.Features.Notifications;

namespace ServiceRecovery.Web.Features.Surveys;

/// <summary>
/// The words of the survey's two emails. To the patient: the practice's name, their first name only, and the single-use
/// link, which the stored body holds as <see cref="OutboxMessage.SecretLinkMark"/> (the sender puts it in as it sends).
/// To staff about a low answer: the case's reference and a link to it, nothing about the patient.
/// </summary>
public static class SurveyEmails
{
    public static OutboxMessage Invitation(RecoverySurvey survey, string recipientAddress, string firstName, string practiceName, Uri link, DateTimeOffset now)
    {
        var lines = new[]
        {
            $"Dear {firstName},",
            $"Thank you for giving {practiceName} the chance to put things right. We would like to know how that felt to you.",
            "Three quick questions and one about recommending us: it takes a minute. The link works once, for 30 days.",
        };
        var (text, html) = ReminderEmails.Paragraphs(lines);

        text.AppendLine($"Answer the survey: {OutboxMessage.SecretLinkMark}").AppendLine().AppendLine(practiceName);
        html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(OutboxMessage.SecretLinkMark)).Append("\">Answer the survey</a></p>")
            .Append("<p>").Append(WebUtility.HtmlEncode(practiceName)).Append("</p>");
        return OutboxMessage.Create(survey.PracticeId, EmailKind.RecoverySurvey, $"survey:{survey.CaseId:N}", null, recipientAddress,
            $"How did we do? {practiceName}", text.ToString(), ReminderEmails.Wrap(html.ToString()), now, link.ToString());
    }

    public static OutboxMessage LowAnswer(RecoverySurvey survey, string reference, string practiceName, string userId, string email, Uri caseLink, DateTimeOffset now)
    {
        var lines = new[]
        {
            $"The recovery survey of case {reference} came back low.",
            "Please look at the answer on the case, and consider reopening it to try again.",
        };
        var (text, html) = ReminderEmails.Paragraphs(lines);

        text.AppendLine($"Open the case: {caseLink}");
        html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(caseLink.ToString())).Append("\">Open case ").Append(WebUtility.HtmlEncode(reference)).Append("</a></p>");
        return OutboxMessage.Create(survey.PracticeId, EmailKind.LowSurvey, $"low-survey:{survey.Id:N}:{userId}", userId, email,
            $"Low recovery survey: {reference} at {practiceName}", text.ToString(), ReminderEmails.Wrap(html.ToString()), now);
    }

    /// <summary>The greeting's name: the first word of the patient's name, nothing more ("there" when the name is blank).</summary>
    public static string FirstName(string displayName) => Patient.FirstNameOf(displayName) is { Length: > 0 } first ? first : "there";
}
