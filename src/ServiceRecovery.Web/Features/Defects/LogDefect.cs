using ServiceRecovery.Web.CaseOpening;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Defects;

/// <summary>Log a defect: the 30-second form that opens a recovery case.</summary>
public static class LogDefect
{
    /// <summary>Any member may log a defect in their practice; the practice is found through the practice filter, so another one is "choose one of your practices".</summary>
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : IAppCommand<Created>
    {
        public Guid PracticeId { get; set; }

        /// <summary>An existing patient of the practice, chosen after "Find existing patient"; otherwise a new one.</summary>
        public Guid? PatientId { get; set; }

        [Display(Name = "Patient's name")]
        public string? PatientName { get; set; }

        [Display(Name = "Phone")]
        public string? PatientPhone { get; set; }

        [Display(Name = "Email")]
        public string? PatientEmail { get; set; }

        /// <summary>The patient's id in the practice-management system: found exactly, and kept on a new patient.</summary>
        [Display(Name = "PMS id")]
        public string? PatientPmsId { get; set; }

        [Display(Name = "Stage of the visit")]
        public Guid? StageId { get; set; }

        [Display(Name = "Category")]
        public Guid? CategoryId { get; set; }

        [Display(Name = "Severity")]
        public Severity Severity { get; set; } = Severity.Moderate;

        [Display(Name = "How it reached us")]
        public DefectChannel Channel { get; set; } = DefectChannel.InPerson;

        /// <summary>Wall-clock time at the practice.</summary>
        [Display(Name = "When it happened")]
        public DateTime? OccurredAt { get; set; }

        [Display(Name = "What happened")]
        public string? Description { get; set; }

        /// <summary>Generated with the form, so a double submit or a browser retry opens one case.</summary>
        public Guid IdempotencyKey { get; set; }
    }

    public sealed record Created(Guid CaseId, string Reference, DateTimeOffset SaySorryDueAt, PracticeLocale Locale);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PracticeId).NotEmpty().WithMessage("Choose the practice.");
            When(c => c.PatientId is null, NewPatientRules);
            RuleFor(c => c.StageId).NotEmpty().WithMessage("Choose the stage of the visit where it happened.");
            RuleFor(c => c.Severity).IsInEnum().WithMessage("Choose a severity from the list.");
            RuleFor(c => c.Channel).IsInEnum().WithMessage("Choose how it reached us from the list.");
            RuleFor(c => c.OccurredAt).NotNull().WithMessage("Enter when it happened.");
            RuleFor(c => c.Description).NotEmpty().WithMessage("Describe what happened, in the patient's words.")
                .MaximumLength(Limits.Description).WithMessage($"Keep the description to {Limits.Description} characters.")
                .Must(FormText.IsPrintableMultiline).WithMessage("The description contains characters that cannot be used.");
            RuleFor(c => c.IdempotencyKey).NotEmpty().WithMessage("The form has expired; reload the page and try again.");
        }

        private void NewPatientRules()
        {
            RuleFor(c => c.PatientName).NotEmpty().WithMessage(ContactWording.Staff.NameRequired)
                .MaximumLength(Limits.Name).WithMessage($"Enter a name of at most {Limits.Name} characters.")
                .Must(FormText.IsPrintable).WithMessage("The name contains characters that cannot be used.");
            RuleFor(c => c.PatientPhone).Must(FormText.IsPhone!).When(c => !string.IsNullOrWhiteSpace(c.PatientPhone))
                .WithMessage("Enter a phone number of 6 to 15 digits; spaces, +, ( ) and - are fine.");
            RuleFor(c => c.PatientEmail).MaximumLength(Limits.Email).WithMessage($"Enter an email address of at most {Limits.Email} characters.")
                .EmailAddress().When(c => !string.IsNullOrWhiteSpace(c.PatientEmail)).WithMessage("Enter an email address like name@example.com.")
                .Must(FormText.IsPrintable).WithMessage("The email address contains characters that cannot be used.");
            RuleFor(c => c.PatientPmsId).MaximumLength(Limits.ExternalId).WithMessage($"Enter a PMS id of at most {Limits.ExternalId} characters.")
                .Must(FormText.IsPrintable!).When(c => !string.IsNullOrWhiteSpace(c.PatientPmsId)).WithMessage("The PMS id contains characters that cannot be used.");
            // The domain's rule (PatientContact), shown here too so it stands beside the form's other messages.
            RuleFor(c => c.PatientPhone).Must((c, _) => PatientContact.IsReachable(c.PatientPhone, c.PatientEmail))
                .WithMessage(ContactWording.Staff.NeedsAWayToReach);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, CommandResult<Created>>
    {
        public async ValueTask<CommandResult<Created>> Handle(Command command, CancellationToken cancellationToken)
        {
            var practice = await db.Practices.Include(p => p.Stages).Include(p => p.Categories)
                .AsSplitQuery()
                .SingleOrDefaultAsync(p => p.Id == command.PracticeId, cancellationToken);
            if (practice is null)
            {
                return CommandResult<Created>.Invalid(nameof(Command.PracticeId), "Choose one of your practices.");
            }

            var patient = command.PatientId is { } patientId
                ? new CasePatient.Existing(patientId)
                : (CasePatient)new CasePatient.New(new PatientContact(command.PatientName, command.PatientPhone, command.PatientEmail, command.PatientPmsId));
            var details = new DefectDetails(command.StageId, command.CategoryId, command.Severity, command.Channel,
                practice.Locale.FromLocal(command.OccurredAt!.Value), command.Description!);
            var opened = await CaseOpener.OpenAsync(db, practice, details, patient, new Opener.Staff(user.ToActor(practice.Id)),
                command.IdempotencyKey, clock.GetUtcNow(), cancellationToken);
            return CommandResult<Created>.Ok(new Created(opened.CaseId, opened.Reference, opened.SaySorryDueAt, practice.Locale));
        }
    }

    /// <summary>What the form offers: the user's practices and, for each, its current stages and categories.</summary>
    [Requires(StaffRole.FrontDesk)]
    public sealed record FormQuery : IQuery<FormOptions>;

    public sealed record FormOptions(IReadOnlyList<PracticeOption> Practices);

    public sealed record PracticeOption(Guid Id, string Name, PracticeLocale Locale, IReadOnlyList<Option> Stages, IReadOnlyList<Option> Categories);

    public sealed record Option(Guid Id, string Name);

    public sealed class FormHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<FormQuery, FormOptions>
    {
        public async ValueTask<FormOptions> Handle(FormQuery query, CancellationToken cancellationToken)
        {
            var working = user.PracticesWhere(StaffRole.FrontDesk);
            var practices = await db.Practices.AsNoTracking().Where(p => working.Contains(p.Id)).OrderBy(p => p.Name)
                .Select(p => new { p.Id, p.Name, p.TimeZoneId, p.Culture, p.Currency })
                .ToListAsync(cancellationToken);
            var stages = await db.Stages.AsNoTracking().Where(s => s.RetiredAt == null).OrderBy(s => s.Position)
                .Select(s => new { s.PracticeId, s.Id, s.Name }).ToListAsync(cancellationToken);
            var categories = await db.Categories.AsNoTracking().Where(c => c.RetiredAt == null).OrderBy(c => c.Position)
                .Select(c => new { c.PracticeId, c.Id, c.Name }).ToListAsync(cancellationToken);
            return new FormOptions(practices.Select(p => new PracticeOption(
                p.Id, p.Name, new PracticeLocale(p.TimeZoneId, p.Culture, p.Currency),
                stages.Where(s => s.PracticeId == p.Id).Select(s => new Option(s.Id, s.Name)).ToList(),
                categories.Where(c => c.PracticeId == p.Id).Select(c => new Option(c.Id, c.Name)).ToList())).ToList());
        }
    }

    /// <summary>
    /// Existing patients of the practice matching what was typed in the patient fields, so a repeat defect
    /// attaches to the same patient. Searched by POST: patient details never travel in a URL.
    /// </summary>
    [Requires(StaffRole.FrontDesk)]
    public sealed record FindPatients(Guid PracticeId, string? Name, string? Phone, string? Email, string? PmsId = null) : IQuery<IReadOnlyList<PatientMatch>>;

    public sealed record PatientMatch(Guid Id, string DisplayName, string? Phone, string? Email, string? PmsId, int Cases);

    public sealed class FindPatientsHandler(AppDbContext db) : IQueryHandler<FindPatients, IReadOnlyList<PatientMatch>>
    {
        public const int MaxMatches = 10;

        public async ValueTask<IReadOnlyList<PatientMatch>> Handle(FindPatients query, CancellationToken cancellationToken)
        {
            var name = query.Name?.Trim();
            var email = query.Email?.Trim();
            var pmsId = query.PmsId?.Trim();
            if (string.IsNullOrEmpty(pmsId))
            {
                pmsId = null;
            }

            // The number typed is read as the patient records were: in E.164 for the practice's country, whichever way it was written.
            string? phone = null;
            if (!string.IsNullOrWhiteSpace(query.Phone))
            {
                var culture = await db.Practices.AsNoTracking().Where(p => p.Id == query.PracticeId).Select(p => p.Culture).SingleOrDefaultAsync(cancellationToken);
                if (culture is not null)
                {
                    PatientPhone.TryNormalise(query.Phone, PatientPhone.RegionOf(culture), out phone);
                }
            }

            if (string.IsNullOrEmpty(name) && phone is null && string.IsNullOrEmpty(email) && pmsId is null)
            {
                return [];
            }

            var namePattern = string.IsNullOrEmpty(name) ? null : $"%{EscapeLike(name)}%";
            // LIKE without wildcards: an exact match that ignores case, as email addresses do.
            var emailPattern = string.IsNullOrEmpty(email) ? null : EscapeLike(email);
            var matches = await db.Patients.AsNoTracking()
                .Where(p => p.PracticeId == query.PracticeId)
                .Where(p => (namePattern != null && EF.Functions.Like(p.DisplayName, namePattern, "\\"))
                    || (phone != null && (p.PhoneE164 == phone || p.OtherPhoneE164 == phone))
                    || (pmsId != null && p.ExternalId == pmsId)
                    || (emailPattern != null && EF.Functions.Like(p.Email, emailPattern, "\\")))
                .OrderBy(p => p.DisplayName)
                .Take(MaxMatches)
                .Select(p => new PatientMatch(p.Id, p.DisplayName, p.Phone ?? p.OtherPhone, p.Email, p.ExternalId, db.Defects.Count(d => d.PatientId == p.Id)))
                .ToListAsync(cancellationToken);
            return matches;
        }

        private static string EscapeLike(string text) =>
            text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
    }
}
