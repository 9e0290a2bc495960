namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Extend the outcome: the patient came back and was welcomed back, by whom and with what words or gesture.</summary>
public static class RecordWelcomeBack
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "Who greeted them")]
        public string? GreetedBy { get; set; }

        [Display(Name = "What was said or given")]
        public string? SaidOrGiven { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.GreetedBy).ShortText("who greeted the patient", Limits.Name);
            RuleFor(c => c.SaidOrGiven).ShortText("what was said or given", Limits.Reason);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.RecordWelcomeBack(change.Actor, change.Command.GreetedBy!, change.Command.SaidOrGiven!, change.Now);
            return Done();
        }
    }
}
