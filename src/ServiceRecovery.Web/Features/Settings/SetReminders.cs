namespace ServiceRecovery.Web.Features.Settings;

/// <summary>When the daily digest goes, to whom, and whether an overdue apology is escalated at once.</summary>
public static class SetReminders
{
    public sealed class Command : SettingsCommand
    {
        [Display(Name = "Send the daily digest at")] public int? DigestHour { get; set; }
        [Display(Name = "Case owners get their steps due today and overdue")] public bool OwnersGetDigest { get; set; }
        [Display(Name = "Managers get overdue cases and gestures awaiting approval")] public bool ManagersGetDigest { get; set; }
        [Display(Name = "Email the owner and the managers at once when Say sorry is overdue")] public bool EscalateOverdueApology { get; set; }

        public static Command From(ReminderSettings r) => new()
        {
            DigestHour = r.DigestHour,
            OwnersGetDigest = r.OwnersGetDigest,
            ManagersGetDigest = r.ManagersGetDigest,
            EscalateOverdueApology = r.EscalateOverdueApology,
        };
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.DigestHour).NotNull().WithMessage("Choose the hour for the daily digest.")
                .InclusiveBetween(0, 23).WithMessage("Choose an hour from the list.");
    }

    public sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock, ICurrentUser user) : SettingsHandler<Command>(db, audit, clock, user)
    {
        protected override string Apply(Practice practice, Command command, DateTimeOffset now)
        {
            practice.ChangeReminders(new ReminderSettings(command.DigestHour!.Value, command.OwnersGetDigest, command.ManagersGetDigest, command.EscalateOverdueApology));
            static string OnOff(bool on) => on ? "on" : "off";
            return $"reminders changed: digest at {command.DigestHour:00}:00, owners {OnOff(command.OwnersGetDigest)}, managers {OnOff(command.ManagersGetDigest)}, "
                   + $"overdue-apology escalation {OnOff(command.EscalateOverdueApology)}";
        }
    }
}
