using ServiceRecovery.Data;
using ServiceRecovery.Domain;

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
}
