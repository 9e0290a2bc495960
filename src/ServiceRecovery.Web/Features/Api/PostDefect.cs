using ServiceRecovery.Web.CaseOpening;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Api;

/// <summary>
/// POST /api/v1/defects: a practice's own system (a phone system, a kiosk) reports a defect for a patient it knows by
/// PMS id, and a case opens as the log form opens one (<see cref="CaseOpener"/>), with the key as its author and no
/// owner until staff triage it. The same Idempotency-Key twice opens one case.
/// </summary>
public static class PostDefect
{
    /// <summary>
    /// What the system sends. Every value is text, read here, so a wrong one is refused beside its own field rather than
    /// as malformed JSON. The stage and category are named by id or by their exact name among the practice's current ones.
    /// </summary>
    public sealed record Body(string? PmsPatientId, string? Stage, string? Category, string? Severity, string? Channel, string? OccurredAt, string? Description);

    /// <summary>The case opened (or opened earlier with the same idempotency key: <see cref="Created"/> false).</summary>
    public sealed record Result(Guid CaseId, string Reference, DateTimeOffset SaySorryDueAt, bool Created);

    /// <summary>
    /// An API key of the practice (a front-desk membership of that practice alone) with <c>defects:write</c>, checked at
    /// the endpoint. A practice with no patient of that PMS id answers <see cref="CommandResult{T}.NotFound"/>, which the
    /// endpoint writes as 422 naming the id.
    /// </summary>
    [Requires(StaffRole.FrontDesk)]
    public sealed record Command(Guid PracticeId, string? PmsPatientId, string? Stage, string? Category, string? Severity, string? Channel,
        string? OccurredAt, string? Description, Guid IdempotencyKey) : IAppCommand<Result>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PmsPatientId).NotEmpty().WithMessage("The PMS patient id is required.")
                .MaximumLength(Limits.ExternalId).WithMessage($"The PMS patient id must be at most {Limits.ExternalId} characters.")
                .Must(FormText.IsPrintable!).When(c => !string.IsNullOrWhiteSpace(c.PmsPatientId)).WithMessage("The PMS patient id contains characters that cannot be used.");
            RuleFor(c => c.Stage).NotEmpty().WithMessage("Name the stage of the visit where it happened, by its id or its name (GET /api/v1/stages lists them).");
            RuleFor(c => c.Severity).Must(s => s is null || ApiText.TryParse<Severity>(s, out _))
                .WithMessage($"Severity is one of {string.Join(", ", ApiText.KebabValues<Severity>())}.");
            RuleFor(c => c.Channel).Must(s => s is null || ApiText.TryParse<DefectChannel>(s, out _))
                .WithMessage($"Channel is one of {string.Join(", ", ApiText.KebabValues<DefectChannel>())}.");
            RuleFor(c => c.OccurredAt).Must(s => s is null || ApiText.TryParseInstant(s, out _))
                .WithMessage("When it happened is an ISO 8601 date and time with its offset, like 2026-03-14T10:30:00+11:00.");
            RuleFor(c => c.Description).NotEmpty().WithMessage("Describe what happened, in the patient's words.")
                .MaximumLength(Limits.Description).WithMessage($"Keep the description to {Limits.Description} characters.")
                .Must(FormText.IsPrintableMultiline).WithMessage("The description contains characters that cannot be used.");
            RuleFor(c => c.IdempotencyKey).NotEmpty().WithMessage("The idempotency key is required.");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, CommandResult<Result>>
    {
        public async ValueTask<CommandResult<Result>> Handle(Command command, CancellationToken cancellationToken)
        {
            // Only a key posts here, and it writes as itself: the key of the call, of the call's practice.
            var key = ApiKey.TryKeyIdOf(user.UserId, out var keyId)
                ? await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId && k.PracticeId == command.PracticeId, cancellationToken)
                : null;
            var practice = key is null
                ? null
                : await db.Practices.Include(p => p.Stages).Include(p => p.Categories).AsSplitQuery()
                    .SingleOrDefaultAsync(p => p.Id == command.PracticeId, cancellationToken);
            if (key is null || practice is null)
            {
                return CommandResult<Result>.Invalid("", "Only an API key of the practice posts a defect through the API.");
            }

            var stage = Named(practice.Stages.Where(s => !s.IsRetired), command.Stage, s => s.Id, s => s.Name);
            if (stage is null)
            {
                return CommandResult<Result>.Invalid(nameof(Body.Stage), "No current stage of this practice has that id or name; GET /api/v1/stages lists them.");
            }

            DefectCategory? category = null;
            if (!string.IsNullOrWhiteSpace(command.Category))
            {
                category = Named(practice.Categories.Where(c => !c.IsRetired), command.Category, c => c.Id, c => c.Name);
                if (category is null)
                {
                    return CommandResult<Result>.Invalid(nameof(Body.Category), "No current category of this practice has that id or name; GET /api/v1/stages lists them.");
                }
            }

            // Through the practice filter and named by practice: another practice's patient with the same PMS id is not found.
            var pmsId = command.PmsPatientId!.Trim();
            var patients = await db.Patients.Where(p => p.PracticeId == command.PracticeId && p.ExternalId == pmsId)
                .Select(p => p.Id).Take(2).ToListAsync(cancellationToken);
            if (patients.Count == 0)
            {
                return CommandResult<Result>.NotFound();
            }

            if (patients.Count > 1)
            {
                return CommandResult<Result>.Invalid(nameof(Body.PmsPatientId), "Two patients of the practice have this PMS patient id; merge them before sending it again.");
            }

            var now = clock.GetUtcNow();
            // The validator refused any other value: a value left out takes the default.
            var severity = ApiText.TryParse<Severity>(command.Severity, out var named) ? named : Severity.Minor;
            var channel = ApiText.TryParse<DefectChannel>(command.Channel, out var reached) ? reached : DefectChannel.InPerson;
            var occurredAt = ApiText.TryParseInstant(command.OccurredAt, out var at) ? at : now;
            var details = new DefectDetails(stage.Id, category?.Id, severity, channel, occurredAt, command.Description!);
            var opened = await CaseOpener.OpenAsync(db, practice, details, new CasePatient.Existing(patients[0]), new Opener.Api(key.AsActor()),
                command.IdempotencyKey, now, cancellationToken);
            // A case the opener added now is new; one it found by the idempotency key was opened by an earlier call.
            var created = db.ChangeTracker.Entries<RecoveryCase>().Any(e => e.State == EntityState.Added && e.Entity.Id == opened.CaseId);
            return CommandResult<Result>.Ok(new Result(opened.CaseId, opened.Reference, opened.SaySorryDueAt, created));
        }

        /// <summary>By id when it is one, else by the exact name: what a bridge configured once keeps sending.</summary>
        private static T? Named<T>(IEnumerable<T> current, string? named, Func<T, Guid> id, Func<T, string> name) where T : class
        {
            var text = named?.Trim() ?? "";
            return Guid.TryParse(text, out var wanted)
                ? current.FirstOrDefault(x => id(x) == wanted)
                : current.FirstOrDefault(x => string.Equals(name(x), text, StringComparison.Ordinal));
        }
    }
}
