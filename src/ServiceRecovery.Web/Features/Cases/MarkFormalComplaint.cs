namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Staff mark the case as a formal complaint: the practice's complaint rules are kept on it from now on.</summary>
public static class MarkFormalComplaint
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "Received on")]
        public DateOnly? ReceivedOn { get; set; }

        [Display(Name = "How it was made")]
        public ComplaintChannel? Channel { get; set; }

        [Display(Name = "Summary (optional)")]
        public string? Summary { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ReceivedOn).NotNull().WithMessage("Enter the date the complaint was received.");
            RuleFor(c => c.Channel).NotNull().WithMessage("Choose how the complaint was made.")
                .IsInEnum().WithMessage("Choose how the complaint was made.");
            RuleFor(c => c.Summary).MaximumLength(FormalComplaint.SummaryLength)
                .WithMessage($"Keep the summary to {FormalComplaint.SummaryLength:N0} characters.");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override IQueryable<RecoveryCase> Include(IQueryable<RecoveryCase> cases) => cases.Include(c => c.Defect);

        protected override async ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            var practice = await change.Db.Practices.SingleAsync(p => p.Id == change.Case.PracticeId, cancellationToken);
            change.Case.MarkFormalComplaint(change.Actor, change.Command.ReceivedOn!.Value, change.Command.Channel!.Value, change.Command.Summary, practice, change.Now);
            return null;
        }
    }
}
