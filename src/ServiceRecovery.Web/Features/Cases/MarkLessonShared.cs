using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Pipeline;

namespace ServiceRecovery.Web.Features.Cases;

public static class MarkLessonShared
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "Huddle date")]
        public DateOnly? HuddleDate { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.HuddleDate).NotNull().WithMessage("Enter the date of the huddle.");
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override IQueryable<RecoveryCase> Include(IQueryable<RecoveryCase> cases) => cases.Include(c => c.Lessons);

        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            var date = change.Command.HuddleDate!.Value;
            if (date > change.Today)
            {
                return new(Invalid(nameof(Command.HuddleDate), "The huddle date cannot be in the future."));
            }

            if (date < DateOnly.FromDateTime(change.Locale.ToLocal(change.Case.OpenedAt)))
            {
                return new(Invalid(nameof(Command.HuddleDate), "The huddle cannot be before the case was opened."));
            }

            change.Case.MarkLessonsShared(change.Actor, date, change.Now);
            return Done();
        }
    }
}
