using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Pipeline;

namespace ServiceRecovery.Web.Features.Settings;

/// <summary>Every settings form carries the practice and the version it was built from.</summary>
[Requires(StaffRole.PracticeManager)]
public abstract class SettingsCommand : IAppCommand<Unit>, ITargetsPractice
{
    public Guid PracticeId { get; set; }
    public Guid Version { get; set; }

    Guid? ITargetsPractice.TargetPracticeId => PracticeId;
}

/// <summary>Loads the practice (within the user's practices, at the form's version), applies the change, audits it.</summary>
public abstract class SettingsHandler<TCommand>(AppDbContext db, AuditLog audit, TimeProvider clock, ICurrentUser user) : ICommandHandler<TCommand, CommandResult<Unit>>
    where TCommand : SettingsCommand
{
    /// <summary>The getting-started checklist's fact a save of this form establishes, if any.</summary>
    protected virtual ChecklistMarkKind? Marks => null;

    protected ICurrentUser User { get; } = user;

    public async ValueTask<CommandResult<Unit>> Handle(TCommand command, CancellationToken cancellationToken)
    {
        var practice = await db.Practices.AsSplitQuery().Include(p => p.Stages).Include(p => p.Categories)
            .SingleOrDefaultAsync(p => p.Id == command.PracticeId, cancellationToken);
        if (practice is null)
        {
            return CommandResult<Unit>.NotFound();
        }

        if (practice.Version != command.Version)
        {
            return CommandResult<Unit>.Conflicted(new ConcurrencyConflict("another manager", clock.GetUtcNow()));
        }

        db.Entry(practice).Property(p => p.Version).OriginalValue = command.Version;
        var what = Apply(practice, command, clock.GetUtcNow());
        audit.Add(AuditKind.SettingsChanged, practice.Id, $"{practice.Name}: {what}");
        if (Marks is { } mark)
        {
            db.ChecklistMarks.Add(ChecklistMark.Record(practice.Id, mark, User.ToActor(practice.Id), clock.GetUtcNow()));
        }

        return CommandResult<Unit>.Ok(Unit.Value);
    }

    /// <summary>Applies the change and says, for the audit log, what changed.</summary>
    protected abstract string Apply(Practice practice, TCommand command, DateTimeOffset now);
}
