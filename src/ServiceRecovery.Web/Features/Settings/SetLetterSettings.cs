using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Settings;

/// <summary>What the practice's letters and emails to patients need from it: a reply-to address, and how a patient can take a complaint further.</summary>
public static class SetLetterSettings
{
    public sealed class Command : SettingsCommand
    {
        [Display(Name = "Reply-to address for email to patients")] public string? ReplyTo { get; set; }
        [Display(Name = "How a patient can take a complaint further")] public string? FurtherSteps { get; set; }

        public static Command From(Practice practice) => new() { ReplyTo = practice.LetterReplyTo, FurtherSteps = practice.FurtherSteps };
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ReplyTo).MaximumLength(Limits.Email).WithMessage($"Keep the address to {Limits.Email} characters.");
            RuleFor(c => c.FurtherSteps).MaximumLength(ShippedLetters.FurtherStepsLength).WithMessage($"Keep this to {ShippedLetters.FurtherStepsLength:N0} characters.")
                .Must(t => t is null || FormText.IsPrintableMultiline(t)).WithMessage("The text contains characters that cannot be used.");
        }
    }

    public sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock, ICurrentUser user) : SettingsHandler<Command>(db, audit, clock, user)
    {
        protected override string Apply(Practice practice, Command command, DateTimeOffset now)
        {
            practice.ChangeLetterSettings(command.ReplyTo, command.FurtherSteps);
            return "letter settings changed";
        }
    }
}
