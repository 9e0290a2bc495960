namespace ServiceRecovery.Web.Features.Settings;

/// <summary>How often one patient may get the recovery survey: at most once in this many days, however many cases resolve.</summary>
public static class SetSurveyInterval
{
    public sealed class Command : SettingsCommand
    {
        [Display(Name = "Days between surveys to one patient")] public int? SurveyIntervalDays { get; set; }

        public static Command From(Practice practice) => new() { SurveyIntervalDays = practice.SurveyIntervalDays };
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.SurveyIntervalDays).NotNull().WithMessage($"Enter a number of days from 1 to {Practice.MaxSurveyIntervalDays}.")
                .InclusiveBetween(1, Practice.MaxSurveyIntervalDays).WithMessage($"Enter a number of days from 1 to {Practice.MaxSurveyIntervalDays}.");
    }

    public sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock, ICurrentUser user) : SettingsHandler<Command>(db, audit, clock, user)
    {
        protected override string Apply(Practice practice, Command command, DateTimeOffset now)
        {
            practice.ChangeSurveyInterval(command.SurveyIntervalDays);
            return $"recovery survey interval set to {practice.SurveyIntervalDays} days";
        }
    }
}
