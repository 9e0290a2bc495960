using System.Globalization;

namespace ServiceRecovery.Web.Features.Settings;

/// <summary>
/// Each limit is changed only by a role above it (see <see cref="GestureLimits.MayChange"/>); the form posts the
/// limits the user may not change unchanged, and a changed one is refused with the rule. Audited with old and new values.
/// </summary>
public static class SetGestureLimits
{
    public sealed class Command : SettingsCommand
    {
        [Display(Name = "Front desk limit")] public decimal? FrontDesk { get; set; }
        [Display(Name = "Practice manager limit")] public decimal? PracticeManager { get; set; }
        [Display(Name = "Administrator limit")] public decimal? Administrator { get; set; }

        public static Command From(GestureLimits limits) =>
            new() { FrontDesk = limits.FrontDesk, PracticeManager = limits.PracticeManager, Administrator = limits.Administrator };
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            foreach (var rule in new[] { RuleFor(c => c.FrontDesk), RuleFor(c => c.PracticeManager), RuleFor(c => c.Administrator) })
            {
                rule.InclusiveBetween(0, Limits.MaxGestureAmount).WithMessage($"Enter an amount from 0 to {Limits.MaxGestureAmount:N0}, or leave it empty for no limit.")
                    .Must(a => a is null || decimal.Round(a.Value, 2) == a.Value).WithMessage("Enter dollars and cents, e.g. 100 or 99.50.");
            }
        }
    }

    public sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock, ICurrentUser user) : SettingsHandler<Command>(db, audit, clock, user)
    {
        protected override ChecklistMarkKind? Marks => ChecklistMarkKind.LimitsSaved;

        protected override string Apply(Practice practice, Command command, DateTimeOffset now)
        {
            var changes = practice.ChangeGestureLimits(new GestureLimits(command.FrontDesk, command.PracticeManager, command.Administrator), User.ToActor(practice.Id));
            static string Show(decimal? limit) => limit?.ToString("0.00", CultureInfo.InvariantCulture) ?? "no limit";
            return changes.Count == 0
                ? "gesture limits saved unchanged"
                : "gesture limits changed: " + string.Join(", ", changes.Select(c => $"{c.Role.Words().ToLowerInvariant()} {Show(c.Old)} → {Show(c.New)}"));
        }
    }
}
