namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Expedite solutions: what was done to fix the problem. Several entries are allowed.</summary>
public static class RecordFix
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : CaseCommand
    {
        [System.ComponentModel.DataAnnotations.Display(Name = "What was done")]
        public string? Description { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Description).LongText("what was done", Limits.Description);
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.RecordFix(change.Actor, change.Command.Description!, change.Now);
            return Done();
        }
    }
}
