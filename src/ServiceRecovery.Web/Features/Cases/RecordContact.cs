namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Respond: a personal contact with the patient (call, letter, email, hand-written note, small gift).</summary>
public static class RecordContact
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : CaseCommand
    {
        [Display(Name = "How")]
        public ContactMethod Method { get; set; } = ContactMethod.Call;

        [Display(Name = "When")]
        public DateTime? ContactedAt { get; set; }

        [Display(Name = "Summary")]
        public string? Summary { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Method).IsInEnum().WithMessage("Choose how the patient was contacted.");
            RuleFor(c => c.ContactedAt).NotNull().WithMessage("Enter when the contact was made.");
            RuleFor(c => c.Summary).LongText("a summary of the contact", Limits.Description);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            var contactedAt = change.Locale.FromLocal(change.Command.ContactedAt!.Value);
            change.Case.RecordContact(change.Actor, change.Command.Method, contactedAt, change.Command.Summary!, change.Now);
            return Done();
        }
    }
}
