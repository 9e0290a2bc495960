namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Communicate results: the lesson in one or two sentences, and marking it shared at a huddle.</summary>
public static class RecordLesson
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "Lesson")]
        public string? Text { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Text).LongText("the lesson", Limits.Reason);
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.RecordLesson(change.Actor, change.Command.Text!, change.Now);
            return Done();
        }
    }
}
