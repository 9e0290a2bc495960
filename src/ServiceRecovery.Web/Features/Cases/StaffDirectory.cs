namespace ServiceRecovery.Web.Features.Cases;

/// <summary>The active staff of a practice, for owner lists.</summary>
public static class StaffDirectory
{
    public sealed record Member(string Id, string Name);

    // Compiled: owner lists are on the case page, the most visited screen.
    private static readonly Func<AppDbContext, Guid, IAsyncEnumerable<Member>> ActiveMembers = EF.CompileAsyncQuery((AppDbContext db, Guid practiceId) =>
        from m in db.Memberships
        join u in db.Users on m.UserId equals u.Id
        where m.PracticeId == practiceId && u.IsActive
        orderby u.DisplayName
        select new Member(u.Id, u.DisplayName));

    public static async Task<List<Member>> ActiveMembersAsync(AppDbContext db, Guid practiceId, CancellationToken cancellationToken) =>
        await ActiveMembers(db, practiceId).ToListAsync(cancellationToken);

    /// <summary>The member with this id, if they are active staff of the practice; null for an empty id or anyone else.</summary>
    public static async Task<Member?> FindMemberAsync(AppDbContext db, Guid practiceId, string? userId, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(userId)
            ? null
            : await (from m in db.Memberships
                     join u in db.Users on m.UserId equals u.Id
                     where m.PracticeId == practiceId && u.IsActive && u.Id == userId
                     select new Member(u.Id, u.DisplayName)).SingleOrDefaultAsync(cancellationToken);
}
