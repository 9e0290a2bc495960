using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Settings;

/// <summary>The practice's list of welcome-back gestures: what the front desk may offer a patient whose recovery is open or recent when they come back.</summary>
public static class SetWelcomeGestures
{
    public sealed class Command : SettingsCommand
    {
        [Display(Name = "Welcome-back gestures, one per line")] public string? WelcomeGestures { get; set; }

        public static Command From(Practice practice) => new() { WelcomeGestures = string.Join('\n', practice.WelcomeGestureOptions) };
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.WelcomeGestures).NotEmpty().WithMessage("List at least one welcome-back gesture, one per line.")
                .MaximumLength(WelcomeGestureList.StoredLength + WelcomeGestureList.MaxItems).WithMessage($"List at most {WelcomeGestureList.MaxItems} gestures of at most {WelcomeGestureList.MaxLength} characters each.")
                .Must(FormText.IsPrintableMultiline).WithMessage("The list contains characters that cannot be used.");
    }

    public sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock, ICurrentUser user) : SettingsHandler<Command>(db, audit, clock, user)
    {
        protected override string Apply(Practice practice, Command command, DateTimeOffset now)
        {
            practice.ChangeWelcomeGestures(command.WelcomeGestures!);
            return $"welcome-back gestures changed: {practice.WelcomeGestureOptions.Count} listed";
        }
    }
}
