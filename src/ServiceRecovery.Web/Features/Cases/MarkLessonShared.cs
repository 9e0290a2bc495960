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
            change.Case.MarkLessonsShared(change.Actor, change.Command.HuddleDate!.Value, change.Locale, change.Now);
            return Done();
        }
    }
}
