using Microsoft.Extensions.Options;
using ServiceRecovery.Data.ReadModels;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Pipeline;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// Counts the report's months again from the case rows (<see cref="FigureTallies.ReadAsync"/>) when a save has marked them
/// (<see cref="ReportMonthKeeping"/>), every <see cref="ReportOptions.KeepEverySeconds"/>, and once after each start
/// marks the months of every practice that have cases but no kept month yet (a database from before the kept figures,
/// or one loaded in bulk). A month is written with the value of its changes counter read before its rows, so a change
/// committed while it was being counted leaves it marked, and it is counted again next time.
/// </summary>
public sealed class ReportMonthKeeper(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReportOptions> options, ILogger<ReportMonthKeeper> logger)
    : BackgroundService
{
    /// <summary>Months counted in one pass at most, newest first, so a pass stays short.</summary>
    public const int MonthsPerPass = 24;

    private int discovered;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.KeepEverySeconds), clock);
        do
        {
            // A full pass means more are waiting: go on at once.
            while (await RunOnceAsync(stoppingToken) == MonthsPerPass)
            {
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: the months not yet kept, then up to <see cref="MonthsPerPass"/> marked months. Returns how many were counted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var gate = scope.ServiceProvider.GetRequiredService<WriteGate>();
            if (Interlocked.Exchange(ref discovered, 1) == 0)
            {
                await MarkMissingAsync(db, gate, cancellationToken);
            }

            var marked = await db.ReportMonths.AsNoTracking()
                .Where(m => m.Changes != m.Computed)
                .OrderByDescending(m => m.Month)
                .Take(MonthsPerPass)
                .ToListAsync(cancellationToken);
            var locales = await LocalesAsync(db, cancellationToken);
            foreach (var month in marked)
            {
                if (locales.TryGetValue(month.PracticeId, out var locale))
                {
                    await CountAsync(db, gate, month, locale, cancellationToken);
                }
            }

            return marked.Count;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception exception)
        {
            // Never stop the app over kept figures: the report reads a marked month from the rows. Log the kind of failure only.
            logger.LogError("Counting the report's months failed: {ExceptionType}", exception.GetType().Name);
            return 0;
        }
    }

    /// <summary>Counts one month from the rows and replaces its tallies, unless it changed again meanwhile (then it stays marked).</summary>
    /// <remarks>The month's changes counter is the one read with the list of marked months, before its rows are read.</remarks>
    private async Task CountAsync(AppDbContext db, WriteGate gate, ReportMonth marked, PracticeLocale locale, CancellationToken cancellationToken)
    {
        var changes = marked.Changes;
        var start = locale.FromLocal(marked.Month.ToDateTime(TimeOnly.MinValue));
        var end = locale.FromLocal(marked.Month.AddMonths(1).ToDateTime(TimeOnly.MinValue));
        var tally = await FigureTallies.ReadAsync(db, marked.PracticeId, locale, start, end, cap: null, cancellationToken);
        var rows = tally.ToRows(marked.PracticeId, marked.Month).ToList();

        using var turn = db.Database.IsSqlite() ? await gate.EnterBoundedAsync(cancellationToken) : null;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var month = db.ReportTallies.Where(t => t.PracticeId == marked.PracticeId && t.Month == marked.Month);
        await month.ExecuteDeleteAsync(cancellationToken);
        db.ReportTallies.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow();
        await db.ReportMonths.Where(m => m.PracticeId == marked.PracticeId && m.Month == marked.Month)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Computed, changes).SetProperty(m => m.ComputedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Marks each month, from a practice's first defect to now, that has no kept month: it is counted like a changed one.</summary>
    private static async Task MarkMissingAsync(AppDbContext db, WriteGate gate, CancellationToken cancellationToken)
    {
        var firsts = await db.Cases.AsNoTracking()
            .GroupBy(c => c.PracticeId)
            .Select(g => new { PracticeId = g.Key, First = g.Min(c => c.DefectOccurredAt), Last = g.Max(c => c.DefectOccurredAt) })
            .ToListAsync(cancellationToken);
        var known = (await db.ReportMonths.AsNoTracking().Select(m => new { m.PracticeId, m.Month }).ToListAsync(cancellationToken))
            .Select(m => (m.PracticeId, m.Month)).ToHashSet();
        var missing = new List<(Guid PracticeId, DateOnly Month)>();
        foreach (var practice in firsts)
        {
            var last = ReportMonthKeeping.MonthsOf(practice.Last).Max();
            for (var month = ReportMonthKeeping.MonthsOf(practice.First).Min(); month <= last; month = month.AddMonths(1))
            {
                if (!known.Contains((practice.PracticeId, month)))
                {
                    missing.Add((practice.PracticeId, month));
                }
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        using var turn = db.Database.IsSqlite() ? await gate.EnterBoundedAsync(cancellationToken) : null;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ReportMonthKeeping.MarkAsync(db, missing, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<Dictionary<Guid, PracticeLocale>> LocalesAsync(AppDbContext db, CancellationToken cancellationToken) =>
        (await db.Practices.AsNoTracking().Select(p => new { p.Id, p.TimeZoneId, p.Culture, p.Currency }).ToListAsync(cancellationToken))
        .ToDictionary(p => p.Id, p => new PracticeLocale(p.TimeZoneId, p.Culture, p.Currency));
}
