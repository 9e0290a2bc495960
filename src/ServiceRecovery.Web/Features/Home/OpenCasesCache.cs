using ServiceRecovery.Web.Infrastructure.Caching;

namespace ServiceRecovery.Web.Features.Home;

/// <summary>
/// The home page's newest open cases and open and overdue counts of each practice, kept for a few seconds: every member
/// of the practice sees the same (nothing in them depends on who reads them), and staff open the home page all day. A
/// committed change of the practice's cases, defects, patients, stages or settings drops them at once (see
/// <see cref="PracticeCacheInvalidation"/>), so a case logged or closed is on the next page. The overdue count depends
/// on the time as well: a kept value is used only until the soonest due time that was not yet overdue when it was read
/// (<see cref="NewestOpenCases.PracticeCases.GoodUntil"/>), so a case falls overdue on the page the moment it is due. The
/// time limit bounds, with several web instances, how long a change made on another instance takes to show.
/// </summary>
public sealed class OpenCasesCache(TimeProvider clock)
    : PracticeCache<Guid, NewestOpenCases.PracticeCases>(clock, Lifetime, MaxEntries)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);

    /// <summary>One entry per practice; far more than there are practices.</summary>
    private const int MaxEntries = 1_000;

    private readonly TimeProvider clock = clock;

    public Task<NewestOpenCases.PracticeCases> GetAsync(Guid practiceId, Func<CancellationToken, Task<NewestOpenCases.PracticeCases>> compute,
        CancellationToken cancellationToken) =>
        GetAsync(practiceId, [practiceId], compute, cancellationToken);

    protected override bool StillGood(NewestOpenCases.PracticeCases value) => value.GoodUntil is not { } until || clock.GetUtcNow() < until;
}
