using Microsoft.AspNetCore.Identity;


namespace ServiceRecovery.Web.Features.Staff;

/// <summary>
/// A manager changes a colleague's role in each practice they manage (or ends the membership there), or an administrator of
/// every practice the account belongs to deactivates or reactivates it. Every change renews the account's security stamp,
/// which ends the colleague's existing sessions, and is audited in each practice it affects.
/// </summary>
public static class EditStaff
{
    /// <summary>The value of a practice's role field that means "not a member of this practice".</summary>
    public const string NotAMember = "";

    [Requires(StaffRole.PracticeManager)]
    public sealed record Query(string UserId) : IQuery<View?>, ITargetsStaffMember
    {
        string? ITargetsStaffMember.TargetUserId => UserId;
    }

    /// <summary>
    /// The account as the editor may see it: one row per practice the editor manages (<see cref="Practices"/>), with the
    /// member's role there or none; <see cref="OtherPractices"/> counts the practices the editor does not manage, which edits
    /// leave alone.
    /// </summary>
    public sealed record View(
        string UserId, string DisplayName, string Email, bool IsActive, string ConcurrencyStamp,
        IReadOnlyList<PracticeRow> Practices, int OtherPractices, bool IsSelf, bool MayDeactivate)
    {
        public IReadOnlyList<MembershipView> Memberships =>
            [.. Practices.Where(p => p.Role is not null).Select(p => new MembershipView(p.PracticeId, p.PracticeName, p.Role!.Value))];

        public string Role => Memberships.Count > 0 ? StaffRules.Summary(Memberships) : "Not a member of your practices";
    }

    /// <summary>
    /// One practice the editor manages: the member's role there (null: not a member), the roles the editor may set there, and
    /// why it cannot be changed when it cannot.
    /// </summary>
    public sealed record PracticeRow(Guid PracticeId, string PracticeName, StaffRole? Role, IReadOnlyList<string> GrantableRoles, string? ReadOnlyReason);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, View?>
    {
        public async ValueTask<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            var target = await StaffTarget.LoadAsync(db, user, query.UserId, cancellationToken);
            return target?.ToView();
        }
    }

    /// <summary>What the edit did, in words for the confirmation; null when nothing needed changing.</summary>
    public sealed record Changed(string DisplayName, string? Summary, bool ChangedSelf);

    /// <summary>The role form: for each practice the editor manages, the role there or <see cref="NotAMember"/>.</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : IAppCommand<Changed>, ITargetsStaffMember
    {
        public string? UserId { get; set; }

        /// <summary>The account's ConcurrencyStamp when the form was built: a later save by anyone else is a conflict.</summary>
        public string? ConcurrencyStamp { get; set; }

        /// <summary>Practice id → role name, or "" for not a member. A practice left out stays as it is.</summary>
        public Dictionary<Guid, string?> Roles { get; set; } = [];

        string? ITargetsStaffMember.TargetUserId => UserId;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Roles).NotEmpty().WithMessage(StaffRules.AtLeastOnePractice);
            RuleForEach(c => c.Roles).Must(r => string.IsNullOrEmpty(r.Value) || Data.Roles.All.Contains(r.Value))
                .WithMessage("Choose a role from the list.");
        }
    }

    /// <summary>The deactivate and reactivate buttons: the whole account, so an administrator of every practice it belongs to.</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed class SetActive : IAppCommand<Changed>, ITargetsStaffMember
    {
        public string? UserId { get; set; }

        public string? ConcurrencyStamp { get; set; }

        public bool Active { get; set; }

        string? ITargetsStaffMember.TargetUserId => UserId;
    }

    public sealed class Handler(UserManager<ApplicationUser> users, AppDbContext db, ICurrentUser user, AuditLog audit)
        : ICommandHandler<Command, CommandResult<Changed>>, ICommandHandler<SetActive, CommandResult<Changed>>
    {
        public async ValueTask<CommandResult<Changed>> Handle(Command command, CancellationToken cancellationToken)
        {
            var target = await StaffTarget.LoadAsync(db, user, command.UserId, cancellationToken);
            // The database checks the stamp again on save, so a change that lands between this read and that save is caught too.
            var editing = ForEdit.Check(db, target?.Account, command.ConcurrencyStamp, u => u.ConcurrencyStamp, _ => SomeoneElse);
            if (target is null || !editing.Found(out _))
            {
                return editing.Refusal<Changed>();
            }

            var account = target.Account;
            var changes = new List<(StaffTarget.Row Row, StaffRole? To)>();
            foreach (var (practiceId, posted) in command.Roles)
            {
                if (target.Rows.SingleOrDefault(r => r.PracticeId == practiceId) is not { } row)
                {
                    return CommandResult<Changed>.Invalid(nameof(Command.Roles), StaffRules.OwnPracticesOnly);
                }

                var to = string.IsNullOrEmpty(posted) ? null : Data.Roles.Parse(posted);
                if (to == row.Role)
                {
                    continue;
                }

                if (row.Role is { } held && !StaffRules.MayChange(row.EditorRole, held))
                {
                    return CommandResult<Changed>.Invalid(nameof(Command.Roles), StaffRules.AdministratorAccountOnly);
                }

                if (to is { } granted && !StaffRules.MayGrant(row.EditorRole, Data.Roles.Name(granted)))
                {
                    return CommandResult<Changed>.Invalid(nameof(Command.Roles), StaffRules.AdministratorOnly);
                }

                // Your own role is for someone else to change; ending your own membership of a practice is yours to do.
                if (target.IsSelf && row.Role is not null && to is not null)
                {
                    return CommandResult<Changed>.Invalid(nameof(Command.Roles), StaffRules.NotYourOwnRole);
                }

                changes.Add((row, to));
            }

            var after = changes.ToDictionary(c => c.Row.PracticeId, c => c.To);
            var remaining = target.OtherPractices + target.Rows.Count(r => (after.TryGetValue(r.PracticeId, out var to) ? to : r.Role) is not null);
            if (remaining == 0)
            {
                return CommandResult<Changed>.Invalid(nameof(Command.Roles), StaffRules.LastMembership);
            }

            if (changes.Count == 0)
            {
                return CommandResult<Changed>.Ok(new Changed(account.DisplayName, null, target.IsSelf));
            }

            if (await EndSessionsAsync(account) is { } conflict)
            {
                return conflict;
            }

            var memberships = await db.Memberships.Where(m => m.UserId == account.Id).ToListAsync(cancellationToken);
            var words = new List<string>();
            foreach (var (row, to) in changes)
            {
                var membership = memberships.SingleOrDefault(m => m.PracticeId == row.PracticeId);
                string what;
                if (to is null)
                {
                    db.Memberships.Remove(membership!);
                    what = $"{account.DisplayName} removed from {row.PracticeName} (was {StaffRules.Words(row.Role!.Value)})";
                    words.Add($"removed from {row.PracticeName}");
                }
                else if (membership is null)
                {
                    db.Memberships.Add(new PracticeMembership { UserId = account.Id, PracticeId = row.PracticeId, Role = to.Value });
                    what = $"{account.DisplayName} added to {row.PracticeName} as {StaffRules.Words(to.Value)}";
                    words.Add($"added to {row.PracticeName} as {StaffRules.Words(to.Value)}");
                }
                else
                {
                    membership.Role = to.Value;
                    what = $"Role of {account.DisplayName} at {row.PracticeName} changed from {StaffRules.Words(row.Role!.Value)} to {StaffRules.Words(to.Value)}";
                    words.Add($"role at {row.PracticeName} changed from {StaffRules.Words(row.Role!.Value)} to {StaffRules.Words(to.Value)}");
                }

                // In the trail of the practice it changes: that practice's administrators see who changed its staff.
                audit.Add(AuditKind.StaffChanged, row.PracticeId, what);
            }

            return CommandResult<Changed>.Ok(new Changed(account.DisplayName, string.Join("; ", words), target.IsSelf));
        }

        public async ValueTask<CommandResult<Changed>> Handle(SetActive command, CancellationToken cancellationToken)
        {
            var target = await StaffTarget.LoadAsync(db, user, command.UserId, cancellationToken);
            // The database checks the stamp again on save, so a change that lands between this read and that save is caught too.
            var editing = ForEdit.Check(db, target?.Account, command.ConcurrencyStamp, u => u.ConcurrencyStamp, _ => SomeoneElse);
            if (target is null || !editing.Found(out _))
            {
                return editing.Refusal<Changed>();
            }

            var account = target.Account;
            if (target.IsSelf && !command.Active)
            {
                return CommandResult<Changed>.Invalid("", StaffRules.NotYourself);
            }

            if (!target.MayDeactivate)
            {
                return CommandResult<Changed>.Invalid("", StaffRules.DeactivateNeedsAdministrator);
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

            // The account ends (or starts again) in every practice it belongs to: each one's trail says so.
            var what = command.Active ? "reactivated" : "deactivated";
            foreach (var practiceId in target.AllPracticeIds)
            {
                audit.Add(AuditKind.StaffChanged, practiceId, $"{account.DisplayName} {what}");
            }

            return CommandResult<Changed>.Ok(new Changed(account.DisplayName, what, target.IsSelf));
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

        // Identity keeps no record of who saved an account last, nor when.
        private static readonly ConcurrencyConflict SomeoneElse = new("someone else", null);

        private static CommandResult<Changed> Conflict() => CommandResult<Changed>.Conflicted(SomeoneElse);
    }
}

/// <summary>A staff account as one editor may change it: its memberships in the practices the editor manages, and the rest counted.</summary>
internal sealed class StaffTarget
{
    private StaffTarget(ApplicationUser account, bool isSelf, IReadOnlyList<Row> rows, IReadOnlyList<Guid> allPracticeIds, bool mayDeactivate)
    {
        Account = account;
        IsSelf = isSelf;
        Rows = rows;
        AllPracticeIds = allPracticeIds;
        MayDeactivate = mayDeactivate;
    }

    public sealed record Row(Guid PracticeId, string PracticeName, StaffRole? Role, StaffRole? EditorRole);

    public ApplicationUser Account { get; }
    public bool IsSelf { get; }
    public IReadOnlyList<Row> Rows { get; }
    public IReadOnlyList<Guid> AllPracticeIds { get; }

    /// <summary>Only an administrator of every practice the account belongs to may end (or restart) the account as a whole.</summary>
    public bool MayDeactivate { get; }

    public int OtherPractices => AllPracticeIds.Count(id => Rows.All(r => r.PracticeId != id));

    public static async Task<StaffTarget?> LoadAsync(AppDbContext db, ICurrentUser user, string? userId, CancellationToken cancellationToken)
    {
        var managed = user.PracticesWhere(StaffRole.PracticeManager);
        var account = await StaffRules.FindInPracticesAsync(db, userId, managed, cancellationToken);
        if (account is null)
        {
            return null;
        }

        // Memberships carry no practice filter: all of them are read, to count (never name) the practices the editor cannot see.
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == account.Id).ToListAsync(cancellationToken);
        var practices = await StaffRules.PracticesOfAsync(db, managed, cancellationToken);
        var rows = practices
            .Select(p => new Row(p.Id, p.Name, memberships.SingleOrDefault(m => m.PracticeId == p.Id)?.Role, user.RoleIn(p.Id)))
            .ToList();
        var all = memberships.Select(m => m.PracticeId).ToList();
        return new StaffTarget(account, account.Id == user.UserId, rows, all, all.All(id => user.RoleIn(id) == StaffRole.Administrator));
    }

    public EditStaff.View ToView() => new(
        Account.Id, Account.DisplayName, Account.Email ?? "", Account.IsActive, Account.ConcurrencyStamp ?? "",
        [.. Rows.Select(r => new EditStaff.PracticeRow(r.PracticeId, r.PracticeName, r.Role,
            // Your own row offers only your role as it is, or leaving the practice: a role is for someone else to change.
            IsSelf && r.Role is { } mine ? [Roles.Name(mine)] : StaffRules.GrantableBy(r.EditorRole),
            r.Role is { } held && !StaffRules.MayChange(r.EditorRole, held) ? StaffRules.AdministratorAccountOnly : null))],
        OtherPractices, IsSelf, MayDeactivate && !IsSelf);
}
