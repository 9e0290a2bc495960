namespace ServiceRecovery.Web.CaseOpening;

/// <summary>The next readable reference of a practice's year. A race for the same number fails on the unique index and is retried.</summary>
public static class CaseNumbers
{
    /// <summary>Reads the named practice's cases only, with the practice filter lifted: the public comment card opens cases too.</summary>
    public static async Task<CaseReference> NextAsync(AppDbContext db, Guid practiceId, int year, CancellationToken cancellationToken)
    {
        var last = await db.Cases.IgnoreQueryFilters()
            .Where(c => c.PracticeId == practiceId && c.Year == year)
            .MaxAsync(c => (int?)c.Number, cancellationToken) ?? 0;
        return new CaseReference(year, last + 1);
    }
}
