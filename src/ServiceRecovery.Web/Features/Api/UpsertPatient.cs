namespace ServiceRecovery.Web.Features.Api;

/// <summary>
/// PUT /api/v1/patients/{pmsId}: the practice-management system says what it holds for one patient. The same rules as
/// the patient import (<see cref="Patient.Create"/>, <see cref="Patient.UpdateFromPms"/>, <see cref="PatientPhone"/>): a
/// new PMS id adds the patient, a known one updates what changed, and a value left out keeps what we have.
/// </summary>
public static class UpsertPatient
{
    /// <summary>What the PMS sends: the patient's name and how to reach them. Nothing clinical.</summary>
    public sealed record Body(string? Name, string? Phone, string? Email);

    public sealed record Result(bool Created, Guid PatientId);

    /// <summary>An API key of the practice (a front-desk membership of that practice alone) with <c>patients:write</c>, checked at the endpoint.</summary>
    [Requires(StaffRole.FrontDesk)]
    public sealed record Command(Guid PracticeId, string PmsId, string? Name, string? Phone, string? Email) : IAppCommand<Result>, ITargetsPractice, IReadsBeforeTurn
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PmsId).NotEmpty().WithMessage("The PMS patient id is required.")
                .MaximumLength(Limits.ExternalId).WithMessage($"The PMS patient id must be at most {Limits.ExternalId} characters.");
            RuleFor(c => c.Name).MaximumLength(Limits.Name).WithMessage($"Name must be at most {Limits.Name} characters.");
            RuleFor(c => c.Phone).MaximumLength(Limits.Phone).WithMessage($"Phone must be at most {Limits.Phone} characters.");
            RuleFor(c => c.Email).MaximumLength(Limits.Email).WithMessage($"Email must be at most {Limits.Email} characters.");
        }
    }

    public sealed class Handler(AppDbContext db, WriteTurn turn, TimeProvider clock) : ICommandHandler<Command, CommandResult<Result>>
    {
        public async ValueTask<CommandResult<Result>> Handle(Command command, CancellationToken cancellationToken)
        {
            // Through the practice filter: the key's practice is the call's only practice.
            var practice = await db.Practices.AsNoTracking().Where(p => p.Id == command.PracticeId).Select(p => new { p.Culture }).SingleOrDefaultAsync(cancellationToken);
            if (practice is null)
            {
                return CommandResult<Result>.NotFound();
            }

            var region = PatientPhone.RegionOf(practice.Culture);
            if (!PatientPhone.TryNormalise(command.Phone, region, out _))
            {
                return CommandResult<Result>.Invalid(nameof(Body.Phone), PatientPhone.InvalidMessage("Phone", region));
            }

            // The practice and the phone are read and checked before the write turn; the patient is read inside it, as no
            // token would tell that another call changed or added them since (two calls for a new PMS id add it once).
            await turn.TakeAsync(cancellationToken);
            var pmsId = command.PmsId.Trim();
            var known = await db.Patients.Where(p => p.PracticeId == command.PracticeId && p.ExternalId == pmsId).Take(2).ToListAsync(cancellationToken);
            if (known.Count > 1)
            {
                return CommandResult<Result>.Invalid("pmsId", "Two patients of the practice already have this PMS patient id; merge them before sending it again.");
            }

            if (known.Count == 1)
            {
                known[0].UpdateFromPms(command.Name, command.Phone, null, command.Email, region, clock.GetUtcNow());
                return CommandResult<Result>.Ok(new Result(false, known[0].Id));
            }

            if (string.IsNullOrWhiteSpace(command.Name))
            {
                return CommandResult<Result>.Invalid(nameof(Body.Name), "Name is required for a patient the practice does not have yet.");
            }

            var patient = Patient.Create(command.PracticeId, command.Name, command.Phone, command.Email, pmsId, clock.GetUtcNow(), region);
            db.Patients.Add(patient);
            return CommandResult<Result>.Ok(new Result(true, patient.Id));
        }
    }
}
