namespace ServiceRecovery.Web.Features.Staff;

/// <summary>The staff of the practices the user manages (or of one of them): active first, then by name.</summary>
public static class StaffList
{
    /// <summary>A practice's staff fits on one page; the bound keeps the page cheap whatever happens.</summary>
    public const int Limit = 500;

    [Requires(StaffRole.PracticeManager)]
    public sealed record Query(Guid? PracticeId) : IQuery<Result>;

    public sealed record Result(IReadOnlyList<Row> Rows, IReadOnlyList<PracticeChoice> Practices, Guid? PracticeId, bool Truncated);

    /// <summary>
    /// One account. <see cref="Memberships"/> lists only the practices the viewer manages, each with the role there;
    /// <see cref="OtherPractices"/> counts the rest.
    /// </summary>
    public sealed record Row(string Id, string Name, string Email, IReadOnlyList<MembershipView> Memberships, bool IsActive, int OtherPractices,
        InvitationState Invitation = InvitationState.None)
    {
        /// <summary>Deactivated, Invited (perhaps with its link expired or revoked), or Active.</summary>
        public string Status => !IsActive ? "Deactivated" : Invitations.Words(Invitation);

        public string Role => StaffRules.Summary(Memberships);

        public IReadOnlyList<string> Practices => [.. Memberships.Select(m => m.PracticeName)];
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var practices = await StaffRules.PracticesOfAsync(db, user.PracticesWhere(StaffRole.PracticeManager), cancellationToken);
            var filter = practices.Any(p => p.Id == query.PracticeId) ? query.PracticeId : null;
            var shown = filter is { } one ? [one] : practices.Select(p => p.Id).ToArray();

            var members = db.Memberships.Where(m => shown.Contains(m.PracticeId)).Select(m => m.UserId);
            var accounts = await db.Users.AsNoTracking()
                .Where(u => members.Contains(u.Id))
                .OrderByDescending(u => u.IsActive).ThenBy(u => u.DisplayName).ThenBy(u => u.Email)
                .Select(u => new { u.Id, u.DisplayName, u.Email, u.IsActive, Invited = u.PasswordHash == null })
                .Take(Limit + 1)
                .ToListAsync(cancellationToken);
            var truncated = accounts.Count > Limit;
            var ids = accounts.Take(Limit).Select(a => a.Id).ToList();

            var memberships = (await db.Memberships.AsNoTracking().Where(m => ids.Contains(m.UserId)).ToListAsync(cancellationToken))
                .ToLookup(m => m.UserId);
            var names = practices.ToDictionary(p => p.Id, p => p.Name);
            var invitations = await Invitations.StatesAsync(db, [.. accounts.Take(Limit).Where(a => a.Invited).Select(a => a.Id)], clock.GetUtcNow(), cancellationToken);

            var rows = accounts.Take(Limit).Select(a =>
            {
                var theirs = memberships[a.Id].ToList();
                var visible = theirs.Where(m => names.ContainsKey(m.PracticeId))
                    .Select(m => new MembershipView(m.PracticeId, names[m.PracticeId], m.Role))
                    .OrderBy(m => m.PracticeName).ToList();
                var invitation = a.Invited ? invitations.GetValueOrDefault(a.Id, InvitationState.Revoked) : InvitationState.None;
                return new Row(a.Id, a.DisplayName, a.Email ?? "", visible, a.IsActive, theirs.Count - visible.Count, invitation);
            }).ToList();
            return new Result(rows, practices, filter, truncated);
        }
    }
}
