using ServiceRecovery.Web.Infrastructure.Caching;

namespace ServiceRecovery.Web.Features.WelcomeBacks;

/// <summary>
/// The home page's welcome-back list of each practice, for the practice's own today, kept for a few seconds: every
/// member of the practice sees the same list (nothing in it depends on who reads it), and the front desk opens the home
/// page all day. A committed change of the practice's appointments, cases (their lessons, gestures, welcome backs and
/// planned gestures are records of the case), patients or settings (the practice's welcome gestures) drops it at once
/// (see <see cref="PracticeCacheInvalidation"/>), so a recorded welcome back shows on the next page. The key holds the
/// practice's local date, so a new day never reads yesterday's "today" and "tomorrow"; the time limit bounds what "now"
/// means (a case resolved a year ago to the minute) and, with several web instances, how long a change made on another
/// instance takes to show. One computation per practice at a time: the pages that miss together wait for it.
/// </summary>
public sealed class WelcomeBackCache(TimeProvider clock)
    : PracticeCache<(Guid PracticeId, DateOnly Today), WelcomeBackList.PracticeList>(clock, Lifetime, MaxEntries)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);

    /// <summary>Each practice's list of one day (yesterday's ages out with the lifetime); far more than there are practices.</summary>
    private const int MaxEntries = 1_000;

    public Task<WelcomeBackList.PracticeList> GetAsync(Guid practiceId, DateOnly today, Func<CancellationToken, Task<WelcomeBackList.PracticeList>> compute,
        CancellationToken cancellationToken) =>
        GetAsync((practiceId, today), [practiceId], compute, cancellationToken);
}
