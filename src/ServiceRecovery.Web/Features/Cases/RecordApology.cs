using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Say sorry: record who apologised, how and when.</summary>
public static class RecordApology
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "Who apologised")]
        public string? ApologisedBy { get; set; }

        [Display(Name = "How")]
        public ApologyMethod Method { get; set; } = ApologyMethod.InPerson;

        /// <summary>Wall-clock time at the practice.</summary>
        [Display(Name = "When")]
        public DateTime? ApologisedAt { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ApologisedBy).NotEmpty().WithMessage("Enter who apologised.")
                .MaximumLength(Limits.Name).WithMessage($"Enter a name of at most {Limits.Name} characters.")
                .Must(FormText.IsPrintable).WithMessage("The name contains characters that cannot be used.");
            RuleFor(c => c.Method).IsInEnum().WithMessage("Choose how the apology was made.");
            RuleFor(c => c.ApologisedAt).NotNull().WithMessage("Enter when the apology was made.");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override IQueryable<RecoveryCase> Include(IQueryable<RecoveryCase> cases) => cases.Include(c => c.Defect).Include(c => c.Apologies);

        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            var command = change.Command;
            change.Case.RecordApology(change.Actor, command.ApologisedBy!, command.Method, change.Locale.FromLocal(command.ApologisedAt!.Value), change.Now);
            return Done();
        }
    }
}
