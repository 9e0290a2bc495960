namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>
/// The one place a request's authorisation is checked: the role its type declares (<see cref="RequiresAttribute"/>), in the practice
/// of the thing it touches, before validation and the handler run. The practice is looked up through the request's scope, so a case,
/// improvement or message of a practice the person does not belong to is not found here and the handler answers "not found" as it
/// would for an id that never existed (no telling what exists elsewhere). Refusals throw <see cref="AccessDeniedException"/>, which
/// the pages show as 403.
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(ICurrentUser user, AppDbContext db) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly StaffRole? Required = Requirement.Declared(typeof(TMessage));

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (Required is not { } role)
        {
            return await next(message, cancellationToken);
        }

        if (!user.IsSignedIn || !await AllowedAsync(message, role, cancellationToken))
        {
            throw new AccessDeniedException(typeof(TMessage).FullName ?? typeof(TMessage).Name);
        }

        return await next(message, cancellationToken);
    }

    private async ValueTask<bool> AllowedAsync(TMessage message, StaffRole role, CancellationToken cancellationToken)
    {
        bool Holds(Guid practiceId) => user.RoleIn(practiceId) >= role;

        // The least role is membership itself, and a case, improvement or message is read only through the practice filter (the
        // person's memberships): found means a member. So these need no lookup of their own, and the case page and every case
        // command keep their reads; a test loosens the filter and sees them refused.
        if (role == StaffRole.FrontDesk && message is ITargetsCase or ITargetsImprovement or ITargetsOutboxMessage)
        {
            return user.PracticeIds.Length > 0;
        }

        switch (message)
        {
            case ITargetsCase { TargetCaseId: var caseId }:
                return await PracticeOfAsync(db.Cases.Where(c => c.Id == caseId).Select(c => (Guid?)c.PracticeId), cancellationToken) is not { } casePractice
                    || Holds(casePractice);
            case ITargetsImprovement { TargetImprovementId: var improvementId }:
                return await PracticeOfAsync(db.Improvements.Where(i => i.Id == improvementId).Select(i => (Guid?)i.PracticeId), cancellationToken) is not { } improvementPractice
                    || Holds(improvementPractice);
            case ITargetsOutboxMessage { TargetMessageId: var messageId }:
                return await PracticeOfAsync(db.Outbox.Where(m => m.Id == messageId).Select(m => (Guid?)m.PracticeId), cancellationToken) is not { } messagePractice
                    || Holds(messagePractice);
            case ITargetsStaffMember { TargetUserId: var userId }:
                var theirs = string.IsNullOrEmpty(userId) ? [] : await db.Memberships.AsNoTracking()
                    .Where(m => m.UserId == userId && user.PracticeIds.Contains(m.PracticeId)).Select(m => m.PracticeId).ToListAsync(cancellationToken);
                // Not a colleague at all: the handler answers "not found".
                return theirs.Count == 0 || theirs.Any(Holds);
            // A practice the person does not belong to is the handler's to answer (not found, or "choose one of yours"), as for a case.
            case ITargetsPractices { TargetPracticeIds: var practiceIds }:
                return practiceIds.Count > 0 ? practiceIds.All(id => user.RoleIn(id) is null || Holds(id)) : user.PracticesWhere(role).Length > 0;
            case ITargetsPractice { TargetPracticeId: { } practiceId }:
                return user.RoleIn(practiceId) is null ? user.PracticeIds.Length > 0 : Holds(practiceId);
            default:
                return user.PracticesWhere(role).Length > 0;
        }
    }

    private static async Task<Guid?> PracticeOfAsync(IQueryable<Guid?> practice, CancellationToken cancellationToken) =>
        await practice.FirstOrDefaultAsync(cancellationToken);
}
