namespace ServiceRecovery.Web.Features.Appointments;

/// <summary>
/// The practice-management system's appointments, a batch at a time: from the API (<c>POST /api/v1/appointments</c>) and
/// from the CSV import. Each item is added, updated or left as it was (the PMS's appointment id is the key, so the same
/// batch twice changes nothing), or refused with its field and reason while the rest of the batch is taken. An attended
/// appointment after a defect is the patient's return on their open case (<see cref="RecoveryCase.RecordReturnFromAppointment"/>).
/// </summary>
public static class RecordAppointments
{
    /// <summary>The most items one batch may carry; the import sends a longer file in batches of this size.</summary>
    public const int MaxItems = 1000;

    /// <summary>One appointment as the PMS states it. Every value is checked here, so a missing one is the item's refusal, not the batch's.</summary>
    public sealed record Item(string? AppointmentId, string? PmsPatientId, DateTimeOffset? Start, string? Status);

    public enum Outcome
    {
        Added = 1,
        Updated = 2,
        Unchanged = 3,
        Refused = 4,
    }

    /// <param name="Index">The item's place in the batch, from 0.</param>
    /// <param name="UnknownPatient">Refused because the practice has no patient with the item's PMS patient id (the API's 422).</param>
    public sealed record ItemResult(int Index, string? AppointmentId, Outcome Outcome, string? Field = null, string? Message = null, bool UnknownPatient = false);

    public sealed record Result(IReadOnlyList<ItemResult> Items, int ReturnsRecorded)
    {
        public int Count(Outcome outcome) => Items.Count(i => i.Outcome == outcome);
    }

    /// <summary>An API key with <c>appointments:write</c> (checked at the endpoint), or a manager importing a file.</summary>
    [Requires(StaffRole.FrontDesk)]
    public sealed record Command(Guid PracticeId, IReadOnlyList<Item> Items, AppointmentSource Source) : IAppCommand<Result>, ITargetsPractice, IReadsBeforeTurn
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Items).NotEmpty().WithMessage("Send at least one appointment.")
                .Must(items => items is null || items.Count <= MaxItems).WithMessage($"Send at most {MaxItems} appointments in one batch.");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, WriteTurn turn, TimeProvider clock) : ICommandHandler<Command, CommandResult<Result>>
    {
        public async ValueTask<CommandResult<Result>> Handle(Command command, CancellationToken cancellationToken)
        {
            // Through the practice filter: the caller's practice is the batch's only practice.
            var practice = await db.Practices.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.PracticeId, cancellationToken);
            if (practice is null)
            {
                return CommandResult<Result>.NotFound();
            }

            var now = clock.GetUtcNow();
            var results = new ItemResult?[command.Items.Count];
            var parsed = Parse(command.Items, results);
            var patients = await PatientsAsync(command.PracticeId, parsed.Select(p => p.PmsPatientId).Distinct().ToList(), cancellationToken);
            // The practice, the items' shape and the patients by PMS id are read before the write turn (a patient is never
            // deleted, and the foreign key checks the id at the save); the appointments and the open cases inside it, as an
            // appointment carries no token that would tell a later change (a stale one is never written over another call's).
            await turn.TakeAsync(cancellationToken);
            var ids = parsed.Select(p => p.AppointmentId).ToList();
            var known = await db.Appointments.Where(a => a.PracticeId == command.PracticeId && ids.Contains(a.ExternalId))
                .ToDictionaryAsync(a => a.ExternalId, StringComparer.Ordinal, cancellationToken);

            var attended = new List<Appointment>();
            foreach (var item in parsed)
            {
                results[item.Index] = Apply(item, command, patients, known, attended, now);
            }

            var returns = await RecordReturnsAsync(attended, user.ToActor(command.PracticeId), practice.Locale, now, cancellationToken);
            return CommandResult<Result>.Ok(new Result([.. results.Select(r => r!)], returns));
        }

        private ItemResult Apply(Parsed item, Command command, Dictionary<string, Guid?> patients, Dictionary<string, Appointment> known,
            List<Appointment> attended, DateTimeOffset now)
        {
            if (!patients.TryGetValue(item.PmsPatientId, out var patientId))
            {
                return new ItemResult(item.Index, item.AppointmentId, Outcome.Refused, Appointment.Fields.PatientId,
                    $"The practice has no patient with the PMS patient id {item.PmsPatientId}; send the patient first.", UnknownPatient: true);
            }

            if (patientId is not { } patient)
            {
                return new ItemResult(item.Index, item.AppointmentId, Outcome.Refused, Appointment.Fields.PatientId,
                    "Two patients of the practice have this PMS patient id; merge them before sending it again.");
            }

            try
            {
                Outcome outcome;
                if (known.TryGetValue(item.AppointmentId, out var appointment))
                {
                    outcome = appointment.Update(patient, item.Start, item.Status, command.Source, now) ? Outcome.Updated : Outcome.Unchanged;
                }
                else
                {
                    appointment = Appointment.Record(command.PracticeId, item.AppointmentId, patient, item.Start, item.Status, command.Source, now);
                    db.Appointments.Add(appointment);
                    known[item.AppointmentId] = appointment;
                    outcome = Outcome.Added;
                }

                if (outcome != Outcome.Unchanged && appointment.WasAttended)
                {
                    attended.Add(appointment);
                }

                return new ItemResult(item.Index, item.AppointmentId, outcome);
            }
            catch (DomainRuleException rule)
            {
                return new ItemResult(item.Index, item.AppointmentId, Outcome.Refused, rule.Field, rule.Message);
            }
        }

        /// <summary>Each item's own shape; an appointment id twice in one batch is refused the second time, so a batch means one thing however often it is sent.</summary>
        private static List<Parsed> Parse(IReadOnlyList<Item> items, ItemResult?[] results)
        {
            var parsed = new List<Parsed>(items.Count);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var index = 0; index < items.Count; index++)
            {
                var item = items[index];
                try
                {
                    var id = Appointment.IdOf(item?.AppointmentId);
                    var pmsPatientId = item!.PmsPatientId?.Trim();
                    if (string.IsNullOrEmpty(pmsPatientId) || pmsPatientId.Length > Limits.ExternalId)
                    {
                        throw DomainRuleException.For(Appointment.Fields.PatientId, string.IsNullOrEmpty(pmsPatientId)
                            ? "The PMS patient id is required."
                            : $"The PMS patient id must be at most {Limits.ExternalId} characters.");
                    }

                    var start = item.Start ?? throw DomainRuleException.For(Appointment.Fields.Start, "The start is required, as a date and time with its offset (ISO 8601).");
                    var status = AppointmentStatuses.Parse(item.Status);
                    if (seen.TryGetValue(id, out var earlier))
                    {
                        throw DomainRuleException.For(Appointment.Fields.AppointmentId, $"This appointment id is also item {earlier} of the batch; send each appointment once.");
                    }

                    seen[id] = index;
                    parsed.Add(new Parsed(index, id, pmsPatientId, start, status));
                }
                catch (DomainRuleException rule)
                {
                    results[index] = new ItemResult(index, item?.AppointmentId, Outcome.Refused, rule.Field, rule.Message);
                }
            }

            return parsed;
        }

        /// <summary>The practice's patients by PMS id; null for an id two patients share.</summary>
        private async Task<Dictionary<string, Guid?>> PatientsAsync(Guid practiceId, List<string> pmsIds, CancellationToken cancellationToken)
        {
            var rows = await db.Patients.AsNoTracking()
                .Where(p => p.PracticeId == practiceId && p.ExternalId != null && pmsIds.Contains(p.ExternalId))
                .Select(p => new { p.Id, ExternalId = p.ExternalId! })
                .ToListAsync(cancellationToken);
            return rows.GroupBy(r => r.ExternalId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count() == 1 ? g.Single().Id : (Guid?)null, StringComparer.Ordinal);
        }

        /// <summary>An attended visit after a defect is that case's return; every open case of the patient is told, earliest visit first.</summary>
        private async Task<int> RecordReturnsAsync(List<Appointment> attended, Actor actor, PracticeLocale locale, DateTimeOffset now, CancellationToken cancellationToken)
        {
            if (attended.Count == 0)
            {
                return 0;
            }

            var patientIds = attended.Select(a => (Guid?)a.PatientId).Distinct().ToList();
            var cases = await db.Cases.Include(c => c.Defect).Include(c => c.Returns)
                .Where(c => c.Status == CaseStatus.Open && patientIds.Contains(c.Defect.PatientId))
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
            var recorded = 0;
            foreach (var recoveryCase in cases)
            {
                foreach (var visit in attended.Where(a => a.PatientId == recoveryCase.Defect.PatientId).OrderBy(a => a.StartsAt))
                {
                    if (recoveryCase.RecordReturnFromAppointment(actor, visit, locale, now) is not null)
                    {
                        recorded++;
                        break;
                    }
                }
            }

            return recorded;
        }

        private sealed record Parsed(int Index, string AppointmentId, string PmsPatientId, DateTimeOffset Start, AppointmentStatus Status);
    }
}
