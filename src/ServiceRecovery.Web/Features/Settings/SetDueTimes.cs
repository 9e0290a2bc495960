using System.Globalization;
using System.Reflection;

namespace ServiceRecovery.Web.Features.Settings;

/// <summary>How many hours after a case is logged each step is due; applies to cases opened from now on.</summary>
public static class SetDueTimes
{
    /// <summary>
    /// One field per step, named as the step's track (<see cref="StepTracks.PropertyOf"/>) so that the form, the
    /// validator and the handler go through the steps by key; the properties exist for the form's binding and labels.
    /// </summary>
    public sealed class Command : SettingsCommand
    {
        [Display(Name = "Say sorry (hours)")] public int? SaySorry { get; set; }
        [Display(Name = "Expedite solutions (hours)")] public int? Expedite { get; set; }
        [Display(Name = "Respond (hours)")] public int? Respond { get; set; }
        [Display(Name = "Victory (hours)")] public int? Victory { get; set; }
        [Display(Name = "Implement improvements (hours)")] public int? Improve { get; set; }
        [Display(Name = "Communicate results (hours)")] public int? Communicate { get; set; }
        [Display(Name = "Extend the outcome (hours)")] public int? Extend { get; set; }

        /// <summary>The form field of a step.</summary>
        public static string Field(ServiceStep step) => StepTracks.PropertyOf(step);

        /// <summary>The field's label, as the binding's messages name it.</summary>
        public static string Label(ServiceStep step) => FieldOf(step).GetCustomAttribute<DisplayAttribute>()!.Name!;

        public int? Hours(ServiceStep step) => (int?)FieldOf(step).GetValue(this);

        public static Command From(StepDueTimes due)
        {
            var command = new Command();
            foreach (var step in ServiceSteps.InOrder)
            {
                FieldOf(step).SetValue(command, due.Minutes(step) / 60);
            }

            return command;
        }

        private static PropertyInfo FieldOf(ServiceStep step) => typeof(Command).GetProperty(Field(step))!;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            foreach (var step in ServiceSteps.InOrder)
            {
                RuleFor(c => c.Hours(step))
                    .NotNull().WithMessage("Enter a number of hours.").InclusiveBetween(1, 366 * 24).WithMessage("Enter between 1 and 8784 hours (a year).")
                    .OverridePropertyName(Command.Field(step));
            }
        }
    }

    public sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock, ICurrentUser user) : SettingsHandler<Command>(db, audit, clock, user)
    {
        protected override ChecklistMarkKind? Marks => ChecklistMarkKind.LimitsSaved;

        protected override string Apply(Practice practice, Command command, DateTimeOffset now)
        {
            practice.ChangeDueTimes(new StepDueTimes(step => command.Hours(step)!.Value * 60));
            return "step due times changed (hours: "
                   + string.Join(", ", ServiceSteps.InOrder.Select(s => command.Hours(s)!.Value.ToString(CultureInfo.InvariantCulture))) + ")";
        }
    }
}
