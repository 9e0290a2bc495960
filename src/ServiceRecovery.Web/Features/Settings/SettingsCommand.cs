namespace ServiceRecovery.Web.Features.Settings;

/// <summary>Every settings form carries the practice and the version it was built from.</summary>
[Requires(StaffRole.PracticeManager)]
public abstract class SettingsCommand : EditCommand<Unit>, ITargetsPractice
{
    public Guid PracticeId { get; set; }

    Guid? ITargetsPractice.TargetPracticeId => PracticeId;
}

/// <summary>Loads the practice (within the user's practices, at the form's version), applies the change, audits it.</summary>
public abstract class SettingsHandler<TCommand>(AppDbContext db, AuditLog audit, TimeProvider clock, ICurrentUser user) : ICommandHandler<TCommand, CommandResult<Unit>>
    where TCommand : SettingsCommand
{
    /// <summary>The getting-started checklist's fact a save of this form establishes, if any.</summary>
    protected virtual ChecklistMarkKind? Marks => null;

    protected ICurrentUser User { get; } = user;

    protected AppDbContext Db { get; } = db;

    public async ValueTask<CommandResult<Unit>> Handle(TCommand command, CancellationToken cancellationToken)
    {
        var editing = await ForEdit.LoadAsync(
            Db, Db.Practices.AsSplitQuery().Include(p => p.Stages).Include(p => p.Categories).Where(p => p.Id == command.PracticeId),
            command.Version, p => p.Version,
            // The practice keeps no record of who saved its settings last; only its managers can.
            _ => new ConcurrencyConflict("another manager", null), cancellationToken);
        if (!editing.Found(out var practice))
        {
            return editing.Refusal<Unit>();
        }

        var what = Apply(practice, command, clock.GetUtcNow());
        await AfterApplyAsync(practice, cancellationToken);
        audit.Add(AuditKind.SettingsChanged, practice.Id, $"{practice.Name}: {what}");
        if (Marks is { } mark)
        {
            Db.ChecklistMarks.Add(ChecklistMark.Record(practice.Id, mark, User.ToActor(practice.Id), clock.GetUtcNow()));
        }

        return CommandResult<Unit>.Ok(Unit.Value);
    }

    /// <summary>Applies the change and says, for the audit log, what changed.</summary>
    protected abstract string Apply(Practice practice, TCommand command, DateTimeOffset now);

    /// <summary>What else the change moves, saved with it (nothing by default).</summary>
    protected virtual ValueTask AfterApplyAsync(Practice practice, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
