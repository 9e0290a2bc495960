using System.ComponentModel.DataAnnotations;

using FluentValidation;

using Mediator;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Pipeline;

namespace ServiceRecovery.Web.Features.Staff;

/// <summary>
/// A manager changes a colleague's role and practices, or deactivates and reactivates the account. Every change
/// renews the account's security stamp, which ends the colleague's existing sessions, and is audited.
/// </summary>
public static class EditStaff
{
    public sealed record Query(string UserId) : IQuery<View?>;

    /// <summary>
    /// The account as the editor may see it. <see cref="PracticeIds"/> are its practices among the editor's;
    /// <see cref="OtherPractices"/> counts the ones the editor does not manage, which edits leave alone.
    /// </summary>
    public sealed record View(
        string UserId, string DisplayName, string Email, bool IsActive, string Role, string ConcurrencyStamp,
        IReadOnlyList<Guid> PracticeIds, int OtherPractices, IReadOnlyList<PracticeChoice> Practices, IReadOnlyList<string> GrantableRoles,
        bool IsSelf, string? ReadOnlyReason);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, View?>
    {
        public async ValueTask<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            var account = await StaffRules.FindInPracticesAsync(db, query.UserId, user.PracticeIds, cancellationToken);
            if (account is null)
            {
                return null;
            }

            var role = await StaffRules.RoleOfAsync(db, account.Id, cancellationToken);
            var practices = await StaffRules.PracticesOfAsync(db, user.PracticeIds, cancellationToken);
            var theirs = await db.Memberships.AsNoTracking().Where(m => m.UserId == account.Id).Select(m => m.PracticeId).ToListAsync(cancellationToken);
            var shared = theirs.Where(id => practices.Any(p => p.Id == id)).ToList();
            return new View(account.Id, account.DisplayName, account.Email ?? "", account.IsActive, role, account.ConcurrencyStamp ?? "",
                shared, theirs.Count - shared.Count, practices, StaffRules.GrantableBy(user.Role), account.Id == user.UserId,
                StaffRules.MayGrant(user.Role, role) ? null : StaffRules.AdministratorAccountOnly);
        }
    }

    /// <summary>What the edit did, in words for the confirmation; null when nothing needed changing.</summary>
    public sealed record Changed(string DisplayName, string? Summary, bool ChangedSelf);

    /// <summary>The role and practices form.</summary>
    public sealed class Command : IAppCommand<Changed>
    {
        public string? UserId { get; set; }

        /// <summary>The account's ConcurrencyStamp when the form was built: a later save by anyone else is a conflict.</summary>
        public string? ConcurrencyStamp { get; set; }

        [Display(Name = "Role")]
        public string? Role { get; set; }

        [Display(Name = "Practices")]
        public List<Guid> PracticeIds { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Role).Must(r => r is not null && Roles.All.Contains(r)).WithMessage("Choose a role.");
            RuleFor(c => c.PracticeIds).NotEmpty().WithMessage(StaffRules.AtLeastOnePractice);
        }
    }

    /// <summary>The deactivate and reactivate buttons.</summary>
    public sealed class SetActive : IAppCommand<Changed>
    {
        public string? UserId { get; set; }

        public string? ConcurrencyStamp { get; set; }

        public bool Active { get; set; }
    }

    public sealed class Handler(UserManager<ApplicationUser> users, AppDbContext db, ICurrentUser user, AuditLog audit, TimeProvider clock)
        : ICommandHandler<Command, CommandResult<Changed>>, ICommandHandler<SetActive, CommandResult<Changed>>
    {
        public async ValueTask<CommandResult<Changed>> Handle(Command command, CancellationToken cancellationToken)
        {
            var (target, failure) = await LoadAsync(command.UserId, command.ConcurrencyStamp, cancellationToken);
            if (target is null)
            {
                return failure!;
            }

            var account = target.Account;
            var actor = user.ToActor();
            if (!StaffRules.MayGrant(actor.Role, command.Role))
            {
                return CommandResult<Changed>.Invalid(nameof(Command.Role), StaffRules.AdministratorOnly);
            }

            if (target.IsSelf && command.Role != target.Role)
            {
                return CommandResult<Changed>.Invalid(nameof(Command.Role), StaffRules.NotYourOwnRole);
            }

            var chosen = target.EditorPractices.Where(p => command.PracticeIds.Contains(p.Id)).ToList();
            if (chosen.Count != command.PracticeIds.Distinct().Count())
            {
                return CommandResult<Changed>.Invalid(nameof(Command.PracticeIds), StaffRules.OwnPracticesOnly);
            }

            var memberships = await db.Memberships.Where(m => m.UserId == account.Id).ToListAsync(cancellationToken);
            var added = chosen.Where(p => memberships.All(m => m.PracticeId != p.Id)).ToList();
            var removed = target.EditorPractices.Where(p => memberships.Any(m => m.PracticeId == p.Id) && !chosen.Contains(p)).ToList();
            var roleChanged = command.Role != target.Role;
            if (!roleChanged && added.Count == 0 && removed.Count == 0)
            {
                return CommandResult<Changed>.Ok(new Changed(account.DisplayName, null, target.IsSelf));
            }

            if (await EndSessionsAsync(account) is { } conflict)
            {
                return conflict;
            }

            var words = new List<string>();
            if (roleChanged)
            {
                var replaced = await users.RemoveFromRolesAsync(account, await users.GetRolesAsync(account));
                var granted = replaced.Succeeded ? await users.AddToRoleAsync(account, command.Role!) : replaced;
                if (!granted.Succeeded)
                {
                    return Failed(granted);
                }

                foreach (var practice in chosen)
                {
                    audit.Add(AuditKind.StaffChanged, practice.Id, $"Role of {account.DisplayName} changed from {target.Role} to {command.Role}");
                }

                words.Add($"role changed from {StaffRules.Words(target.Role)} to {StaffRules.Words(command.Role!)}");
            }

            foreach (var practice in added)
            {
                db.Memberships.Add(new PracticeMembership { UserId = account.Id, PracticeId = practice.Id });
                audit.Add(AuditKind.StaffChanged, practice.Id, $"{account.DisplayName} added to {practice.Name}");
            }

            foreach (var practice in removed)
            {
                db.Memberships.Remove(memberships.Single(m => m.PracticeId == practice.Id));
                audit.Add(AuditKind.StaffChanged, practice.Id, $"{account.DisplayName} removed from {practice.Name}");
            }

            if (added.Count > 0)
            {
                words.Add($"added to {string.Join(", ", added.Select(p => p.Name))}");
            }

            if (removed.Count > 0)
            {
                words.Add($"removed from {string.Join(", ", removed.Select(p => p.Name))}");
            }

            return CommandResult<Changed>.Ok(new Changed(account.DisplayName, string.Join("; ", words), target.IsSelf));
        }

        public async ValueTask<CommandResult<Changed>> Handle(SetActive command, CancellationToken cancellationToken)
        {
            var (target, failure) = await LoadAsync(command.UserId, command.ConcurrencyStamp, cancellationToken);
            if (target is null)
            {
                return failure!;
            }

            var account = target.Account;
            if (target.IsSelf && !command.Active)
            {
                return CommandResult<Changed>.Invalid("", StaffRules.NotYourself);
            }

            if (account.IsActive == command.Active)
            {
                return CommandResult<Changed>.Ok(new Changed(account.DisplayName, null, target.IsSelf));
            }

            account.IsActive = command.Active;
            if (command.Active)
            {
                var saved = await users.UpdateAsync(account);
                if (!saved.Succeeded)
                {
                    return Failed(saved);
                }
            }
            else if (await EndSessionsAsync(account) is { } conflict)
            {
                return conflict;
            }

            var what = command.Active ? "reactivated" : "deactivated";
            foreach (var practiceId in target.SharedPracticeIds)
            {
                audit.Add(AuditKind.StaffChanged, practiceId, $"{account.DisplayName} {what}");
            }

            return CommandResult<Changed>.Ok(new Changed(account.DisplayName, what, target.IsSelf));
        }

        private sealed record Target(ApplicationUser Account, string Role, bool IsSelf, IReadOnlyList<PracticeChoice> EditorPractices, IReadOnlyList<Guid> SharedPracticeIds);

        /// <summary>
        /// The account, if it is in the editor's practices (else not found), unchanged since the form was built (else a
        /// conflict) and not an administrator's unless the editor is one.
        /// </summary>
        private async Task<(Target? Target, CommandResult<Changed>? Failure)> LoadAsync(string? userId, string? concurrencyStamp, CancellationToken cancellationToken)
        {
            var account = await StaffRules.FindInPracticesAsync(db, userId, user.PracticeIds, cancellationToken);
            if (account is null)
            {
                return (null, CommandResult<Changed>.NotFound());
            }

            if (account.ConcurrencyStamp != concurrencyStamp)
            {
                return (null, Conflict());
            }

            var role = await StaffRules.RoleOfAsync(db, account.Id, cancellationToken);
            if (!StaffRules.MayGrant(user.Role, role))
            {
                return (null, CommandResult<Changed>.Invalid("", StaffRules.AdministratorAccountOnly));
            }

            // The database checks the stamp again on save, so a change that lands between this read and that save is caught too.
            db.Entry(account).Property(u => u.ConcurrencyStamp).OriginalValue = concurrencyStamp;
            var practices = await StaffRules.PracticesOfAsync(db, user.PracticeIds, cancellationToken);
            var shared = await db.Memberships.Where(m => m.UserId == account.Id && user.PracticeIds.Contains(m.PracticeId)).Select(m => m.PracticeId).ToListAsync(cancellationToken);
            return (new Target(account, role, account.Id == user.UserId, practices, shared), null);
        }

        /// <summary>A new security stamp signs the account out everywhere: the cookie validator refuses the old one.</summary>
        private async Task<CommandResult<Changed>?> EndSessionsAsync(ApplicationUser account)
        {
            var result = await users.UpdateSecurityStampAsync(account);
            return result.Succeeded ? null : Failed(result);
        }

        private CommandResult<Changed> Failed(IdentityResult result) =>
            result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))
                ? Conflict()
                : CommandResult<Changed>.Invalid(result.Errors.Select(e => new FieldError("", e.Description)).ToList());

        private CommandResult<Changed> Conflict() => CommandResult<Changed>.Conflicted(new ConcurrencyConflict("someone else", clock.GetUtcNow()));
    }
}
