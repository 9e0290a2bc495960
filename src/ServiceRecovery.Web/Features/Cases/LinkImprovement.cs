namespace ServiceRecovery.Web.Features.Cases;

/// <summary>
/// Implement improvements: link an existing improvement of the practice, or propose a new one and link it.
/// One improvement may serve many cases.
/// </summary>
public static class LinkImprovement
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : CaseCommand
    {
        /// <summary>An existing improvement; when empty, a new one is proposed from the fields below.</summary>
        [Display(Name = "Existing improvement")]
        public Guid? ImprovementId { get; set; }

        [Display(Name = "Title")]
        public string? Title { get; set; }

        [Display(Name = "Description")]
        public string? Description { get; set; }

        [Display(Name = "Owner")]
        public string? OwnerId { get; set; }

        [Display(Name = "Due")]
        public DateOnly? DueOn { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Title).ShortText("a title for the new improvement (or choose an existing one)", Limits.ShortText).When(c => c.ImprovementId is null);
            RuleFor(c => c.Description).OptionalText("the description", Limits.Description);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override IQueryable<RecoveryCase> Include(IQueryable<RecoveryCase> cases) => cases.Include(c => c.ImprovementLinks);

        protected override async ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            var (recoveryCase, command, db) = (change.Case, change.Command, change.Db);
            Improvement? improvement;
            if (command.ImprovementId is { } existingId)
            {
                improvement = await db.Improvements.SingleOrDefaultAsync(i => i.Id == existingId && i.PracticeId == recoveryCase.PracticeId, cancellationToken);
                if (improvement is null)
                {
                    return Invalid(nameof(Command.ImprovementId), "Choose an improvement of this practice from the list.");
                }
            }
            else
            {
                var owner = await StaffDirectory.FindMemberAsync(db, recoveryCase.PracticeId, command.OwnerId, cancellationToken);
                if (!string.IsNullOrEmpty(command.OwnerId) && owner is null)
                {
                    return Invalid(nameof(Command.OwnerId), "Choose an owner from the practice's staff.");
                }

                improvement = Improvement.Propose(
                    recoveryCase.PracticeId, command.Title!, command.Description, owner?.Id, owner?.Name, command.DueOn, change.Locale, change.Now);
                db.Improvements.Add(improvement);
            }

            recoveryCase.LinkImprovement(improvement, change.Actor, change.Now);
            return null;
        }
    }
}
