using System.Globalization;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using ServiceRecovery.Data.ReadModels;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Reports;

namespace ServiceRecovery.Web.Tests.Support;

/// <summary>A practice's kept report months as rows of text, the same months recounted from the case rows, and the keeper run until nothing is left to count.</summary>
public static class KeptReportMonths
{
    public static async Task KeepAllAsync(AppFactory app)
    {
        var keeper = app.Services.GetRequiredService<ReportMonthKeeper>();
        while (await keeper.RunOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    public static Task<List<DateOnly>> MarkedAsync(AppFactory app, Guid practiceId) => app.WithDbAsync(db =>
        db.ReportMonths.IgnoreQueryFilters().Where(m => m.PracticeId == practiceId && m.Changes != m.Computed).Select(m => m.Month).ToListAsync());

    public static Task<List<string>> KeptAsync(AppFactory app, Guid practiceId) => app.WithDbAsync(async db =>
        (await db.ReportTallies.IgnoreQueryFilters().AsNoTracking().Where(t => t.PracticeId == practiceId).ToListAsync()).Select(Row).Order().ToList());

    /// <summary>Every month of the practice's cases counted from the rows, as the practice's time zone has them now.</summary>
    public static Task<List<string>> RecountAsync(AppFactory app, Guid practiceId) => app.WithDbAsync(async db =>
    {
        var practice = await db.Practices.IgnoreQueryFilters().SingleAsync(x => x.Id == practiceId);
        var locale = new PracticeLocale(practice.TimeZoneId, practice.Culture, practice.Currency);
        var occurred = await db.Cases.IgnoreQueryFilters().Where(c => c.PracticeId == practiceId).Select(c => c.DefectOccurredAt).ToListAsync();
        var rows = new List<ReportTally>();
        foreach (var month in occurred.Select(at => FigureTallies.MonthOf(locale, at)).Distinct())
        {
            var start = locale.FromLocal(month.ToDateTime(TimeOnly.MinValue));
            var end = locale.FromLocal(month.AddMonths(1).ToDateTime(TimeOnly.MinValue));
            rows.AddRange((await FigureTallies.ReadAsync(db, practiceId, locale, start, end, null, CancellationToken.None)).ToRows(practiceId, month));
        }

        return rows.Select(Row).Order().ToList();
    });

    private static string Row(ReportTally t) =>
        string.Create(CultureInfo.InvariantCulture, $"{t.Figure} {t.Month:yyyy-MM} {t.KeyId} {t.Bucket}: {t.Count} {t.Amount:0.00}");
}
