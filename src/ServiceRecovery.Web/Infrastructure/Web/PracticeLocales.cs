namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>Reading a practice's time zone, culture and currency, within the user's practices.</summary>
public static class PracticeLocales
{
    /// <summary>Used only when the user belongs to no practice at all.</summary>
    public static readonly PracticeLocale Fallback = new("UTC", "en-AU", "AUD");

    /// <summary>The given practice's locale, or (with no id) the user's first practice's by name.</summary>
    public static async Task<PracticeLocale> ForAsync(AppDbContext db, Guid? practiceId, CancellationToken cancellationToken)
    {
        var practice = await db.Practices.AsNoTracking()
            .Where(p => practiceId == null || p.Id == practiceId)
            .OrderBy(p => p.Name)
            .Select(p => new { p.TimeZoneId, p.Culture, p.Currency })
            .FirstOrDefaultAsync(cancellationToken);
        return practice is null ? Fallback : new PracticeLocale(practice.TimeZoneId, practice.Culture, practice.Currency);
    }
}
