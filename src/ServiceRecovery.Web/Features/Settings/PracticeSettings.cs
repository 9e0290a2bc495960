namespace ServiceRecovery.Web.Features.Settings;

/// <summary>
/// The settings page's query: one practice the person manages, with its stages and categories. Each form on the page
/// is a slice of its own (<see cref="ChangeLocale"/>, <see cref="SaveStageOrCategory"/>, <see cref="SetDueTimes"/>,
/// <see cref="SetGestureLimits"/>, <see cref="SetReminders"/>) on <see cref="SettingsHandler{TCommand}"/>.
/// </summary>
public static class PracticeSettings
{
    public static readonly IReadOnlyList<string> Cultures = ["en-AU", "en-NZ", "en-GB", "en-IE", "en-US", "en-CA"];
    public static readonly IReadOnlyList<string> Currencies = ["AUD", "NZD", "GBP", "EUR", "USD", "CAD"];

    /// <summary>One practice the person manages (their first by name when none is given).</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record Query(Guid? PracticeId) : IQuery<View?>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    /// <param name="OpenComplaints">The practice's formal complaints not yet answered (final response not sent) on cases not withdrawn: their clocks run or are paused.</param>
    public sealed record View(Practice Practice, IReadOnlyList<Choice> Practices, int OpenComplaints = 0);

    public sealed record Choice(Guid Id, string Name);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, View?>
    {
        public async ValueTask<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            var managed = user.PracticesWhere(StaffRole.PracticeManager);
            var practices = await db.Practices.AsNoTracking().Where(p => managed.Contains(p.Id)).OrderBy(p => p.Name).Select(p => new Choice(p.Id, p.Name)).ToListAsync(cancellationToken);
            var id = query.PracticeId ?? (practices.Count > 0 ? practices[0].Id : Guid.Empty);
            var practice = await db.Practices.AsNoTracking().AsSplitQuery().Include(p => p.Stages).Include(p => p.Categories)
                .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (practice is null)
            {
                return null;
            }

            // One count on the case rows of the practice (indexed by practice), joined to their complaints.
            var openComplaints = await db.Cases.AsNoTracking()
                .CountAsync(c => c.PracticeId == practice.Id && c.ComplaintReceivedOn != null && c.Status != CaseStatus.Withdrawn
                    && c.Complaint!.RespondedOn == null, cancellationToken);
            return new View(practice, practices, openComplaints);
        }
    }
}
