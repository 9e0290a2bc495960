using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Settings;

/// <summary>
/// The practice's working days (opening days, its own closure days) and its complaint rules (the jurisdiction profile,
/// the holiday region, and any shorter legal clock or own practice-set clock): what formal complaints are counted by.
/// </summary>
public static class SetWorkingDays
{
    public sealed class Command : SettingsCommand
    {
        [Display(Name = "Open on")] public List<DayOfWeek> OpeningDays { get; set; } = [];
        [Display(Name = "Closure days, one date or range a line")] public string? ClosureDays { get; set; }
        [Display(Name = "Complaint rules")] public string? ProfileId { get; set; }
        [Display(Name = "Public holidays of")] public HolidayRegion? Region { get; set; }
        [Display(Name = "Acknowledge within")] public int? AcknowledgeWithin { get; set; }
        [Display(Name = "Respond within")] public int? RespondWithin { get; set; }

        public static Command From(Practice practice) => new()
        {
            OpeningDays = [.. WorkingDays.Days(practice.OpeningDays)],
            ClosureDays = practice.ClosureDays,
            ProfileId = practice.ComplaintProfileId,
            Region = practice.HolidayRegion,
            AcknowledgeWithin = practice.AcknowledgeWithin,
            RespondWithin = practice.RespondWithin,
        };
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.OpeningDays).NotEmpty().WithMessage("Choose at least one opening day.");
            RuleFor(c => c.ClosureDays).MaximumLength(WorkingDays.StoredLength).WithMessage($"List at most {WorkingDays.MaxLines} closure lines.")
                .Must(FormText.IsPrintableMultiline).WithMessage("The closure list contains characters that cannot be used.");
            RuleFor(c => c.ProfileId).MaximumLength(JurisdictionProfiles.IdLength).WithMessage("Choose one of the complaint profiles listed.");
            RuleFor(c => c.Region).IsInEnum().WithMessage("Choose a region from the list.");
        }
    }

    public sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock, ICurrentUser user) : SettingsHandler<Command>(db, audit, clock, user)
    {
        /// <summary>Open formal complaints keep their rules but count the practice's current days: their kept due dates move with them.</summary>
        protected override async ValueTask AfterApplyAsync(Practice practice, CancellationToken cancellationToken)
        {
            var running = await Db.Cases
                .Where(c => c.PracticeId == practice.Id && (c.ComplaintAcknowledgeDue != null || c.ComplaintRespondDue != null))
                .ToListAsync(cancellationToken);
            var calendar = practice.Calendar;
            foreach (var recoveryCase in running)
            {
                recoveryCase.FollowCalendar(calendar);
            }
        }

        protected override string Apply(Practice practice, Command command, DateTimeOffset now)
        {
            var complaints = string.IsNullOrWhiteSpace(command.ProfileId)
                ? null
                : new ComplaintSettings(command.ProfileId.Trim(), command.Region, command.AcknowledgeWithin, command.RespondWithin);
            practice.ChangeWorkingDaysAndComplaints(command.OpeningDays.Distinct().ToList(), command.ClosureDays, complaints);
            var rules = practice.Complaints is { } chosen ? chosen.Rules() : null;
            return $"working days changed: open {string.Join(", ", WorkingDays.Days(practice.OpeningDays).Select(d => d.ToString()[..3]))}, "
                   + $"{WorkingDays.ClosureDates(practice.ClosureDays).Count} closure days; complaint rules "
                   + (rules is null ? "not chosen" : $"{rules.ProfileId} ({rules.Region}), acknowledge {rules.Acknowledge.Words()}, respond {rules.Respond.Words()}");
        }
    }
}
