using System.Globalization;
using System.Text;

namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>
/// Appends audit events (who, when, what, client address). Added to the request's DbContext, so an event
/// commits with the change it describes; <see cref="SaveNowAsync"/> is for events with no other change (sign-in).
/// </summary>
public sealed class AuditLog(AppDbContext db, ICurrentUser user, IHttpContextAccessor http, TimeProvider clock)
{
    public void Add(AuditKind kind, Guid? practiceId, string detail, string? actorId = null, string? actorName = null) =>
        db.Audit.Add(AuditEvent.Record(kind, practiceId, actorId ?? user.UserId, actorName ?? (user.IsSignedIn ? user.Name : "anonymous"), detail,
            http.HttpContext?.Connection.RemoteIpAddress?.ToString(), clock.GetUtcNow()));

    public async Task SaveNowAsync(AuditKind kind, Guid? practiceId, string detail, string? actorId = null, string? actorName = null)
    {
        Add(kind, practiceId, detail, actorId, actorName);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Something a visitor typed, fit for the audit trail: at most <paramref name="maxLength"/> characters, with
    /// control and formatting characters (and broken surrogates) replaced, so it cannot disguise itself on the page.
    /// </summary>
    public static string AsTyped(string text, int maxLength = 100)
    {
        var result = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (result.Length + rune.Utf16SequenceLength > maxLength)
            {
                return result.Append('…').ToString();
            }

            var unprintable = Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format;
            result.Append(unprintable ? Rune.ReplacementChar.ToString() : rune.ToString());
        }

        return result.ToString();
    }
}
