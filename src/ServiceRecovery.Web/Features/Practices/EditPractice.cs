using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Pipeline;

namespace ServiceRecovery.Web.Features.Practices;

/// <summary>Changes a practice's details, at the version the form was built from (a concurrent save is a conflict, not an overwrite).</summary>
public static class EditPractice
{
    [Requires(StaffRole.Administrator)]
    public sealed class Command : PracticeForm, IAppCommand<Mediator.Unit>, ITargetsPractice
    {
        public Guid PracticeId { get; set; }
        public Guid Version { get; set; }

        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new PracticeFormRules());
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit, TimeProvider clock) : Mediator.ICommandHandler<Command, CommandResult<Mediator.Unit>>
    {
        public async ValueTask<CommandResult<Mediator.Unit>> Handle(Command command, CancellationToken cancellationToken)
        {
            var (practice, refusal) = await Load.ForEditAsync(db, user, clock, command.PracticeId, command.Version, cancellationToken);
            if (practice is null)
            {
                return refusal!;
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
    public sealed class Archive : IAppCommand<Mediator.Unit>, ITargetsPractice
    {
        public Guid PracticeId { get; set; }
        public Guid Version { get; set; }

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
            var (practice, refusal) = await Load.ForEditAsync(db, user, clock, command.PracticeId, command.Version, cancellationToken);
            if (practice is null)
            {
                return refusal!;
            }

            practice.Archive(user.ToActor(practice.Id), clock.GetUtcNow());
            audit.Add(AuditKind.PracticeArchived, practice.Id, $"Practice {practice.Name} archived");
            return CommandResult<Mediator.Unit>.Ok(Mediator.Unit.Value);
        }
    }

    /// <summary>The one way both edits load the practice: an administrator's, at the version the form was read at.</summary>
    private static class Load
    {
        public static async Task<(Practice? Practice, CommandResult<Mediator.Unit>? Refusal)> ForEditAsync(
            AppDbContext db, ICurrentUser user, TimeProvider clock, Guid practiceId, Guid version, CancellationToken cancellationToken)
        {
            var practice = user.RoleIn(practiceId) == StaffRole.Administrator
                ? await db.Practices.SingleOrDefaultAsync(p => p.Id == practiceId, cancellationToken)
                : null;
            if (practice is null)
            {
                return (null, CommandResult<Mediator.Unit>.NotFound());
            }

            if (practice.Version != version)
            {
                return (null, CommandResult<Mediator.Unit>.Conflicted(new ConcurrencyConflict("another administrator", clock.GetUtcNow())));
            }

            // Saved only if nobody else saved since the form was read, however close together the two saves come.
            db.Entry(practice).Property(p => p.Version).OriginalValue = version;
            return (practice, null);
        }
    }
}
