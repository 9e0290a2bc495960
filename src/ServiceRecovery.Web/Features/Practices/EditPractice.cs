namespace ServiceRecovery.Web.Features.Practices;

/// <summary>Changes a practice's details, at the version the form was built from (a concurrent save is a conflict, not an overwrite).</summary>
public static class EditPractice
{
    [Requires(StaffRole.Administrator)]
    public sealed class Command : PracticeForm, IEditCommand<Mediator.Unit>, ITargetsPractice
    {
        public Guid PracticeId { get; set; }
        public Guid Version { get; set; }

        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new PracticeFormRules());
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit) : Mediator.ICommandHandler<Command, CommandResult<Mediator.Unit>>
    {
        public async ValueTask<CommandResult<Mediator.Unit>> Handle(Command command, CancellationToken cancellationToken)
        {
            var editing = await LoadAsync(db, user, command.PracticeId, command.Version, cancellationToken);
            if (!editing.Found(out var practice))
            {
                return editing.Refusal<Mediator.Unit>();
            }

            if (practice.IsArchived)
            {
                throw new DomainRuleException("This practice is archived; its details are kept as they were.");
            }

            var details = command.ToDetails();
            if (await PracticeForm.SlugTakenAsync(db, details.Slug, practice.Id, cancellationToken))
            {
                return CommandResult<Mediator.Unit>.Invalid(nameof(Command.Slug), PracticeForm.SlugClash);
            }

            practice.ChangeDetails(details);
            audit.Add(AuditKind.PracticeChanged, practice.Id, $"Practice details saved: {practice.Name}, {practice.TimeZoneId}, {practice.Culture}, {practice.Currency}, /feedback/{practice.Slug}");
            return CommandResult<Mediator.Unit>.Ok(Mediator.Unit.Value);
        }
    }

    /// <summary>Archives a practice after the administrator confirmed it: audited, nothing deleted.</summary>
    [Requires(StaffRole.Administrator)]
    public sealed class Archive : EditCommand<Mediator.Unit>, ITargetsPractice
    {
        public Guid PracticeId { get; set; }

        [Display(Name = "I understand")] public bool Confirmed { get; set; }

        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class ArchiveValidator : AbstractValidator<Archive>
    {
        public ArchiveValidator() =>
            RuleFor(c => c.Confirmed).Equal(true).WithMessage("Tick the box to confirm that the practice should be archived.");
    }

    public sealed class ArchiveHandler(AppDbContext db, ICurrentUser user, AuditLog audit, TimeProvider clock) : Mediator.ICommandHandler<Archive, CommandResult<Mediator.Unit>>
    {
        public async ValueTask<CommandResult<Mediator.Unit>> Handle(Archive command, CancellationToken cancellationToken)
        {
            var editing = await LoadAsync(db, user, command.PracticeId, command.Version, cancellationToken);
            if (!editing.Found(out var practice))
            {
                return editing.Refusal<Mediator.Unit>();
            }

            practice.Archive(user.ToActor(practice.Id), clock.GetUtcNow());
            audit.Add(AuditKind.PracticeArchived, practice.Id, $"Practice {practice.Name} archived");
            return CommandResult<Mediator.Unit>.Ok(Mediator.Unit.Value);
        }
    }

    /// <summary>Both edits load the practice the same way: an administrator's, at the version the form was read at.</summary>
    private static Task<Editing<Practice>> LoadAsync(AppDbContext db, ICurrentUser user, Guid practiceId, Guid version, CancellationToken cancellationToken)
    {
        var administers = user.RoleIn(practiceId) == StaffRole.Administrator;
        return ForEdit.LoadAsync(
            db, db.Practices.Where(p => administers && p.Id == practiceId), version, p => p.Version,
            // The practice keeps no record of who saved it last; only an administrator can.
            _ => new ConcurrencyConflict("another administrator", null), cancellationToken);
    }
}
