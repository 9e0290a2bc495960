using Mediator;

using Microsoft.EntityFrameworkCore;

using ServiceRecovery.Data;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Features.Staff;

/// <summary>The staff of the user's practices (or of one of them): active first, then by name.</summary>
public static class StaffList
{
    /// <summary>A practice's staff fits on one page; the bound keeps the page cheap whatever happens.</summary>
    public const int Limit = 500;

    public sealed record Query(Guid? PracticeId) : IQuery<Result>;

    public sealed record Result(IReadOnlyList<Row> Rows, IReadOnlyList<PracticeChoice> Practices, Guid? PracticeId, bool Truncated);

    /// <summary>One account. <see cref="Practices"/> lists only the viewer's practices; <see cref="OtherPractices"/> counts the rest.</summary>
    public sealed record Row(string Id, string Name, string Email, string Role, bool IsActive, IReadOnlyList<string> Practices, int OtherPractices);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var practices = await StaffRules.PracticesOfAsync(db, user.PracticeIds, cancellationToken);
            var filter = practices.Any(p => p.Id == query.PracticeId) ? query.PracticeId : null;
            var shown = filter is { } one ? [one] : practices.Select(p => p.Id).ToArray();

            var members = db.Memberships.Where(m => shown.Contains(m.PracticeId)).Select(m => m.UserId);
            var accounts = await db.Users.AsNoTracking()
                .Where(u => members.Contains(u.Id))
                .OrderByDescending(u => u.IsActive).ThenBy(u => u.DisplayName).ThenBy(u => u.Email)
                .Select(u => new { u.Id, u.DisplayName, u.Email, u.IsActive })
                .Take(Limit + 1)
                .ToListAsync(cancellationToken);
            var truncated = accounts.Count > Limit;
            var ids = accounts.Take(Limit).Select(a => a.Id).ToList();

            var roles = (await (from ur in db.UserRoles
                                join r in db.Roles on ur.RoleId equals r.Id
                                where ids.Contains(ur.UserId)
                                select new { ur.UserId, r.Name }).ToListAsync(cancellationToken))
                .ToLookup(r => r.UserId, r => r.Name!);
            var memberships = (await db.Memberships.AsNoTracking().Where(m => ids.Contains(m.UserId)).ToListAsync(cancellationToken))
                .ToLookup(m => m.UserId, m => m.PracticeId);
            var names = practices.ToDictionary(p => p.Id, p => p.Name);

            var rows = accounts.Take(Limit).Select(a =>
            {
                var theirs = memberships[a.Id].ToList();
                var visible = theirs.Where(names.ContainsKey).Select(id => names[id]).Order().ToList();
                return new Row(a.Id, a.DisplayName, a.Email ?? "", StaffRules.HighestOf(roles[a.Id]), a.IsActive, visible, theirs.Count - visible.Count);
            }).ToList();
            return new Result(rows, practices, filter, truncated);
        }
    }
}
