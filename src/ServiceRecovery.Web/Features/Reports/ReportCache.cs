using Microsoft.Extensions.Options;
using ServiceRecovery.Web.Infrastructure.Caching;
using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// Finished reports, kept for a short while (<c>Reports:CacheSeconds</c>, 60 s by default, 0 to keep nothing): a manager
/// moving between the report page and its CSV files, or several managers of a practice reading the same months, get the
/// report without its cases being read and its percentiles worked out again. A committed change of any practice in a
/// report (a case, a setting, a stage, a category or an improvement) drops it at once (see
/// <see cref="PracticeCacheInvalidation"/>), so a report never leaves out a change it could have seen; the time limit
/// bounds how long a change made on another web instance takes to show. At most <see cref="MaxEntries"/> are kept;
/// the oldest go first.
/// </summary>
public sealed class ReportCache(TimeProvider clock, IOptions<ReportOptions> options)
    : PracticeCache<ReportCache.Key, Report>(clock, TimeSpan.FromSeconds(options.Value.CacheSeconds), MaxEntries)
{
    public const int MaxEntries = 48;

    /// <summary>The report of these practices for the period: a kept one while it is still good, else the one <paramref name="build"/> makes.</summary>
    public Task<Report> GetAsync(IReadOnlyList<Guid> practiceIds, ReportPeriod period, Func<CancellationToken, Task<Report>> build, CancellationToken cancellationToken) =>
        GetAsync(new Key(string.Join(',', practiceIds), period.From, period.To), practiceIds, build, cancellationToken);

    public readonly record struct Key(string Practices, DateOnly From, DateOnly To);
}

/// <summary>The "Reports" section.</summary>
public sealed class ReportOptions : ISettings
{
    public static string Section => "Reports";

    /// <summary>How long a finished report is kept, in seconds; 0 keeps nothing.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "Reports:CacheSeconds must be a whole number of seconds, 0 or more.")]
    public int CacheSeconds { get; set; } = 60;

    /// <summary>Whether the report's months are kept as figures in the background (<see cref="ReportMonthKeeper"/>); without, every report reads the case rows.</summary>
    public bool KeepFigures { get; set; } = true;

    /// <summary>How often the months changed since are counted again, in seconds.</summary>
    [Range(1, 3600, ErrorMessage = "Reports:KeepEverySeconds must be between 1 and 3600.")]
    public int KeepEverySeconds { get; set; } = 10;
}
