using ServiceRecovery.Web.Email;
using ServiceRecovery.Web.Features.Account;

namespace ServiceRecovery.Web.Features.Staff;

/// <summary>Where an invited person stands, as the staff list and the account page show it.</summary>
public enum InvitationState
{
    /// <summary>Has a password: not (or no longer) an invitation.</summary>
    None,
    Open,
    Expired,
    Revoked,
}

/// <summary>
/// Invitations: a new colleague without a password gets a single-use link by email (through the outbox) on which they
/// choose one. A manager of a practice the person belongs to may send a new link (the old one stops working) or revoke
/// the link. Audited, never with the link.
/// </summary>
public static class Invitations
{
    public const string NotInvited = "This person has already chosen a password, so there is no invitation to change.";

    /// <summary>Issues a link (revoking any earlier one) and queues the email; saved with the caller's changes.</summary>
    public static async Task SendAsync(
        AppDbContext db, AccountLinks links, EmailLinks emailLinks, AuditLog audit, ApplicationUser account, PracticeChoice practice, string roleWords,
        string inviterName, string? inviterId, bool resent, CancellationToken cancellationToken)
    {
        var (row, token) = await links.IssueAsync(account.Id, AccountTokenPurpose.Invitation, practice.Id, inviterId, cancellationToken);
        db.Outbox.Add(AccountEmails.Invitation(practice.Id, row.Id, account.Id, account.Email!, account.DisplayName, practice.Name, inviterName, roleWords,
            links.Options.InvitationLifetime, emailLinks.SetPassword(token), row.CreatedAt));
        audit.Add(AuditKind.InvitationSent, practice.Id,
            $"Invitation {(resent ? "sent again" : "sent")} to {account.DisplayName} ({account.Email}) for {practice.Name}, valid until {row.ExpiresAt:u}"
            + (resent ? "; the earlier link no longer works" : ""));
    }

    /// <summary>The state of each account's invitation, for accounts without a password.</summary>
    public static async Task<Dictionary<string, InvitationState>> StatesAsync(AppDbContext db, IReadOnlyCollection<string> userIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return [];
        }

        var latest = await db.AccountTokens.AsNoTracking()
            .Where(t => userIds.Contains(t.UserId) && t.Purpose == AccountTokenPurpose.Invitation)
            .Select(t => new { t.UserId, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.UsedAt })
            .ToListAsync(cancellationToken);
        return latest.GroupBy(t => t.UserId).ToDictionary(g => g.Key, g =>
        {
            var last = g.MaxBy(t => t.CreatedAt)!;
            return last.RevokedAt is not null ? InvitationState.Revoked
                : last.UsedAt is not null ? InvitationState.None
                : last.ExpiresAt <= now ? InvitationState.Expired
                : InvitationState.Open;
        });
    }

    public static string Words(InvitationState state) => state switch
    {
        InvitationState.Open => "Invited",
        InvitationState.Expired => "Invited: invitation expired",
        InvitationState.Revoked => "Invited: invitation revoked",
        _ => "Active",
    };

    /// <summary>The invitation of an account on the account page: null when it has a password (or is not the viewer's colleague).</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record StatusQuery(string UserId) : IQuery<InvitationState?>, ITargetsStaffMember
    {
        string? ITargetsStaffMember.TargetUserId => UserId;
    }

    public sealed class StatusHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IQueryHandler<StatusQuery, InvitationState?>
    {
        public async ValueTask<InvitationState?> Handle(StatusQuery query, CancellationToken cancellationToken)
        {
            var account = await StaffRules.FindInPracticesAsync(db, query.UserId, user.PracticesWhere(StaffRole.PracticeManager), cancellationToken);
            if (account is not { PasswordHash: null })
            {
                return null;
            }

            var states = await StatesAsync(db, [account.Id], clock.GetUtcNow(), cancellationToken);
            return states.GetValueOrDefault(account.Id, InvitationState.Revoked);
        }
    }

    /// <summary>Sends a new link; the earlier one stops working.</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record Resend(string UserId) : IAppCommand<string>, ITargetsStaffMember
    {
        string? ITargetsStaffMember.TargetUserId => UserId;
    }

    /// <summary>Switches the link off; the account stays, without a password, until a new invitation is sent.</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record Revoke(string UserId) : IAppCommand<string>, ITargetsStaffMember
    {
        string? ITargetsStaffMember.TargetUserId => UserId;
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, AccountLinks links, EmailLinks emailLinks, AuditLog audit)
        : ICommandHandler<Resend, CommandResult<string>>, ICommandHandler<Revoke, CommandResult<string>>
    {
        public async ValueTask<CommandResult<string>> Handle(Resend command, CancellationToken cancellationToken)
        {
            var (account, practice, failure) = await LoadAsync(command.UserId, cancellationToken);
            if (account is null)
            {
                return failure!;
            }

            var role = await db.Memberships.Where(m => m.UserId == account.Id && m.PracticeId == practice!.Id).Select(m => m.Role).SingleAsync(cancellationToken);
            await SendAsync(db, links, emailLinks, audit, account, practice!, StaffRules.Words(role), user.Name, user.UserId, resent: true, cancellationToken);
            return CommandResult<string>.Ok($"A new invitation is on its way to {account.Email}. The earlier link no longer works.");
        }

        public async ValueTask<CommandResult<string>> Handle(Revoke command, CancellationToken cancellationToken)
        {
            var (account, practice, failure) = await LoadAsync(command.UserId, cancellationToken);
            if (account is null)
            {
                return failure!;
            }

            var revoked = await links.RevokeOpenAsync(account.Id, AccountTokenPurpose.Invitation, cancellationToken);
            audit.Add(AuditKind.InvitationRevoked, practice!.Id, $"Invitation of {account.DisplayName} ({account.Email}) revoked");
            return CommandResult<string>.Ok(revoked > 0
                ? $"The invitation of {account.DisplayName} is revoked: its link no longer works."
                : $"{account.DisplayName} had no working invitation link; none works now.");
        }

        /// <summary>An invited colleague (no password yet) in one of the practices the manager manages; the first such practice carries the email.</summary>
        private async Task<(ApplicationUser? Account, PracticeChoice? Practice, CommandResult<string>? Failure)> LoadAsync(string userId, CancellationToken cancellationToken)
        {
            var managed = user.PracticesWhere(StaffRole.PracticeManager);
            var account = await StaffRules.FindInPracticesAsync(db, userId, managed, cancellationToken);
            if (account is null)
            {
                return (null, null, CommandResult<string>.NotFound());
            }

            if (account.PasswordHash is not null)
            {
                return (null, null, CommandResult<string>.Invalid("", NotInvited));
            }

            var theirs = await db.Memberships.Where(m => m.UserId == account.Id && managed.Contains(m.PracticeId)).Select(m => m.PracticeId).ToListAsync(cancellationToken);
            var practice = (await StaffRules.PracticesOfAsync(db, [.. theirs], cancellationToken))[0];
            return (account, practice, null);
        }
    }
}
