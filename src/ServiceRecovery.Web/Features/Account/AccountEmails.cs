using System.Net;
using System.Text;

using ServiceRecovery.Web.Features.Notifications;

namespace ServiceRecovery.Web.Features.Account;

/// <summary>
/// The words of the account emails. The single-use link is never written into the stored body: the body holds
/// <see cref="OutboxMessage.SecretLinkMark"/>, and the sender puts the link in its place as it sends.
/// </summary>
public static class AccountEmails
{
    public static OutboxMessage Invitation(
        Guid practiceId, Guid tokenId, string userId, string email, string name, string practiceName, string inviterName, string role,
        TimeSpan lifetime, Uri link, DateTimeOffset now) =>
        Build(practiceId, EmailKind.Invitation, $"invitation:{tokenId:N}", userId, email, $"You are invited to {practiceName} on ServiceRecovery",
            [$"Hello {name},", $"{inviterName} has invited you to {practiceName} on ServiceRecovery, as {role}.",
             $"Choose your password with the link below. It works once, for {Hours(lifetime)}; if it has run out, ask {inviterName} to send a new one."],
            "Choose your password", link, now);

    public static OutboxMessage PasswordReset(Guid practiceId, Guid tokenId, string userId, string email, string name, Uri link, DateTimeOffset now) =>
        Build(practiceId, EmailKind.PasswordReset, $"reset:{tokenId:N}", userId, email, "Reset your ServiceRecovery password",
            [$"Hello {name},", "Someone, probably you, asked to reset the password of your ServiceRecovery account.",
             "Choose a new password with the link below. It works once, for one hour, and signs you out everywhere else. If you did not ask, ignore this email: your password stays as it is."],
            "Choose a new password", link, now);

    public static OutboxMessage AddedToPractice(
        Guid practiceId, string userId, string email, string name, string practiceName, string inviterName, string role, Uri signIn, DateTimeOffset now) =>
        Build(practiceId, EmailKind.AddedToPractice, $"added:{practiceId:N}:{userId}:{now.UtcTicks}", userId, email, $"You now work in {practiceName} on ServiceRecovery",
            [$"Hello {name},", $"{inviterName} has added you to {practiceName} on ServiceRecovery, as {role}.",
             "Sign in as usual with your email address and password; the practice is now among yours."],
            "Sign in", signIn, now, secret: false);

    private static OutboxMessage Build(
        Guid practiceId, EmailKind kind, string key, string userId, string email, string subject, string[] lines, string action, Uri link, DateTimeOffset now,
        bool secret = true)
    {
        var shown = secret ? OutboxMessage.SecretLinkMark : link.ToString();
        var text = new StringBuilder();
        var html = new StringBuilder();
        foreach (var line in lines)
        {
            text.AppendLine(line).AppendLine();
            html.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>");
        }

        text.AppendLine($"{action}: {shown}");
        html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(shown)).Append("\">").Append(WebUtility.HtmlEncode(action)).Append("</a></p>");
        return OutboxMessage.Create(practiceId, kind, key, userId, email, subject, text.ToString(), ReminderEmails.Wrap(html.ToString()), now,
            secret ? link.ToString() : null);
    }

    private static string Hours(TimeSpan lifetime) => lifetime.TotalHours == 1 ? "one hour" : $"{lifetime.TotalHours:0.#} hours";
}
