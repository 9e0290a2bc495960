using ServiceRecovery.Web.Infrastructure.Caching;

namespace ServiceRecovery.Web.Features.Huddle;

/// <summary>
/// The huddle board's panels per practice, kept for a few seconds: every screen of a practice (the staff-room TV,
/// each signed-in browser) refreshes the same panels every minute. A change to any case, or to the practice, its
/// stages or categories, drops the practice's panels as soon as it is committed (see <see cref="PracticeCacheInvalidation"/>),
/// so a board never shows what was true before a change it could have seen. The time limit bounds what "now" means
/// for the overdue times, and, with several web instances, how long a change made on another instance takes to show.
/// One computation per practice at a time: the screens that miss together wait for it instead of repeating it.
/// </summary>
/// A display link's panels are kept apart from the signed-in staff's: they show different lessons.
public sealed class BoardCache(TimeProvider clock) : PracticeCache<(Guid PracticeId, bool ViaDisplayLink), HuddleBoard.Panels>(clock, Lifetime, int.MaxValue)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);

    public Task<HuddleBoard.Panels> GetAsync(Guid practiceId, bool viaDisplayLink, Func<CancellationToken, Task<HuddleBoard.Panels>> compute, CancellationToken cancellationToken) =>
        GetAsync((practiceId, viaDisplayLink), [practiceId], compute, cancellationToken);
}
