using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Huddle;

/// <summary>The practice whose display link a manager changes: one of theirs (the practice filter applies; the command requires its manager).</summary>
internal static class DisplayLinkPractice
{
    // No version: issuing or revoking replaces the link whole, whatever the manager's page showed.
    public static Task<Editing<Practice>> LoadAsync(AppDbContext db, Guid practiceId, CancellationToken cancellationToken) =>
        ForEdit.LoadAsync(db.Practices.Where(p => p.Id == practiceId), cancellationToken);
}
