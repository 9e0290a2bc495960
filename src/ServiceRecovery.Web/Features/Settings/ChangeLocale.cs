namespace ServiceRecovery.Web.Features.Settings;

/// <summary>The practice's name, time zone, culture and currency.</summary>
public static class ChangeLocale
{
    public sealed class Command : SettingsCommand
    {
        [Display(Name = "Practice name")] public string? Name { get; set; }
        [Display(Name = "Time zone")] public string? TimeZoneId { get; set; }
        [Display(Name = "Culture")] public string? Culture { get; set; }
        [Display(Name = "Currency")] public string? Currency { get; set; }

        public static Command From(Practice p) => new() { Name = p.Name, TimeZoneId = p.TimeZoneId, Culture = p.Culture, Currency = p.Currency };
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).ShortText("the practice name", Limits.Name);
            RuleFor(c => c.TimeZoneId).Must(id => id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _)).WithMessage("Choose a time zone from the list.");
            RuleFor(c => c.Culture).Must(c => c is not null && PracticeSettings.Cultures.Contains(c)).WithMessage("Choose a culture from the list.");
            RuleFor(c => c.Currency).Must(c => c is not null && PracticeSettings.Currencies.Contains(c)).WithMessage("Choose a currency from the list.");
        }
    }

    public sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock, ICurrentUser user) : SettingsHandler<Command>(db, audit, clock, user)
    {
        protected override string Apply(Practice practice, Command command, DateTimeOffset now)
        {
            practice.Rename(command.Name!);
            practice.ChangeLocale(command.TimeZoneId!, command.Culture!, command.Currency!);
            return $"name, time zone ({command.TimeZoneId}), culture ({command.Culture}) and currency ({command.Currency}) saved";
        }
    }
}
