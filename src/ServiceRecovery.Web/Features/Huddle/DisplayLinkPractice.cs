
using Microsoft.EntityFrameworkCore;

using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Web.Infrastructure.Pipeline;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Huddle;

/// <summary>The practice whose display link a manager changes: one of theirs (the practice filter applies; the command requires its manager).</summary>
internal static class DisplayLinkPractice
{
    public static async Task<(Practice? Practice, CommandResult<T>? Failure)> LoadAsync<T>(
        AppDbContext db, Guid practiceId, CancellationToken cancellationToken)
    {
        var practice = await db.Practices.SingleOrDefaultAsync(p => p.Id == practiceId, cancellationToken);
        return practice is null ? (null, CommandResult<T>.NotFound()) : (practice, null);
    }
}
