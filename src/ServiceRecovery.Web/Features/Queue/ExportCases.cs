using System.Globalization;
using CsvHelper;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Queue;

/// <summary>
/// The queue's filtered list as CSV, streamed row by row so memory does not grow with the row count, and a few exports
/// at a time (<see cref="ExportGate"/>). Patient contact details only when a manager asks for them, and that export is
/// audited.
/// </summary>
public sealed class ExportCases(AppDbContext db, ICurrentUser user, AuditLog audit, TimeProvider clock, ExportGate gate)
{
    /// <summary>
    /// Whether the filter names no practice or one this person manages. Only managed practices' cases are exported, and the
    /// audit entry names the practice asked for: it must never land in the trail of a practice where the person exports
    /// nothing (front desk there) or does not belong.
    /// </summary>
    public bool Allows(CaseQueue.Filter filter) => filter.PracticeId is not { } id || user.PracticesWhere(StaffRole.PracticeManager).Contains(id);

    public async Task WriteAsync(CaseQueue.Filter filter, bool includeContacts, Stream body, CancellationToken cancellationToken)
    {
        if (!Allows(filter))
        {
            throw new InvalidOperationException("The export was asked for a practice the user does not belong to; the page answers 404 before this.");
        }

        CaseQueue.Check(filter);
        using var turn = await gate.EnterAsync(cancellationToken);
        var locale = await PracticeLocales.ForAsync(db, filter.PracticeId, cancellationToken);
        var now = clock.GetUtcNow();
        // Exporting is a manager's: only the cases of practices this person manages, whatever else the queue lists.
        var managed = user.PracticesWhere(StaffRole.PracticeManager);
        var rows = Rows(CaseQueue.Ordered(CaseQueue.Filtered(db, user, filter, locale).Where(c => managed.Contains(c.PracticeId))), includeContacts);

        // Audited before the first row is sent, so a download cut off part-way is on record too: in the trail of each
        // practice whose cases it may hold, the chosen one or else every practice the person manages (and no other).
        var detail = $"Exported cases from the queue to CSV{(includeContacts ? ", with patient contact details" : "")}";
        Guid?[] practices = filter.PracticeId is { } chosen ? [chosen] : [.. managed.Select(id => (Guid?)id)];
        foreach (var practiceId in practices)
        {
            audit.Add(AuditKind.Export, practiceId, detail);
        }

        await db.SaveChangesAsync(cancellationToken);
        var format = new RowFormat(locale, now);
        await using (var text = new StreamWriter(body, CsvExport.Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true))
        await using (var csv = CsvExport.Writer(text, format.Culture))
        {
            string[] header = ["Reference", "Practice", "Stage", "Category", "Severity", "Reached us by", "Happened", "Opened", "Status", "Current step", "Next due", "Overdue", "Owner", $"Gestures given ({locale.Currency})"];
            foreach (var name in includeContacts ? [.. header, "Patient", "Phone", "Email"] : header)
            {
                csv.WriteField(name);
            }

            await csv.EndRecordAsync(cancellationToken);
            await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                format.Write(csv, row, includeContacts);
                await csv.EndRecordAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// The columns of each case, read from the case row (which keeps its defect's severity, stage and category) and its
    /// defect; the patient is looked up only when the contact details are asked for.
    /// </summary>
    private IQueryable<Row> Rows(IQueryable<RecoveryCase> cases, bool includeContacts)
    {
        var named =
            from c in cases
            join stage in db.Stages on c.StageId equals (Guid?)stage.Id into stages
            from stage in stages.DefaultIfEmpty()
            join category in db.Categories on c.CategoryId equals category.Id into categories
            from category in categories.DefaultIfEmpty()
            join practice in db.Practices on c.PracticeId equals practice.Id
            select new
            {
                Case = c,
                Stage = stage == null ? ServiceDefect.StageNotSure : stage.Name,
                Category = category == null ? null : category.Name,
                Practice = practice.Name,
                // Summed by the database as a floating-point number and rounded back to cents below: SQLite keeps money as
                // text and sums it exactly only through a function of the app's own (a managed call, and strings, for every
                // case). Amounts have two decimals, so a sum of them as a double rounds back to the exact cents for any
                // total below about ten billion.
                Given = c.Gestures.Where(g => g.State == GestureState.Given).Sum(g => (double)g.Amount),
            };
        if (!includeContacts)
        {
            return named.Select(x => new Row(
                x.Case.Reference, x.Practice, x.Stage, x.Category, x.Case.Severity, x.Case.Defect.Channel, x.Case.Defect.OccurredAt, x.Case.OpenedAt,
                x.Case.Status, x.Case.CurrentStep, x.Case.NextDueAt, x.Case.OwnerName, x.Given, null, null, null));
        }

        return
            from x in named
            join patient in db.Patients on x.Case.Defect.PatientId equals (Guid?)patient.Id into patients
            from patient in patients.DefaultIfEmpty()
            select new Row(
                x.Case.Reference, x.Practice, x.Stage, x.Category, x.Case.Severity, x.Case.Defect.Channel, x.Case.Defect.OccurredAt, x.Case.OpenedAt,
                x.Case.Status, x.Case.CurrentStep, x.Case.NextDueAt, x.Case.OwnerName, x.Given,
                patient == null ? ServiceDefect.AnonymousPatient : patient.DisplayName, patient == null ? null : patient.Phone, patient == null ? null : patient.Email);
    }

    private sealed record Row(
        string Reference, string Practice, string Stage, string? Category, Severity Severity, DefectChannel Channel, DateTimeOffset OccurredAt,
        DateTimeOffset OpenedAt, CaseStatus Status, ServiceStep? CurrentStep, DateTimeOffset? NextDueAt, string? OwnerName, double Given,
        string? PatientName, string? PatientPhone, string? PatientEmail);

    /// <summary>
    /// Writes a row's fields without building a string per field: the words of each enum value are made once per export,
    /// times and amounts are formatted into a buffer on the stack.
    /// </summary>
    private sealed class RowFormat(PracticeLocale locale, DateTimeOffset now)
    {
        private static readonly Dictionary<Severity, string> Severities = Enum.GetValues<Severity>().ToDictionary(v => v, v => v.ToString());
        private static readonly Dictionary<CaseStatus, string> Statuses = Enum.GetValues<CaseStatus>().ToDictionary(v => v, v => v.ToString());
        private static readonly Dictionary<DefectChannel, string> Channels = Enum.GetValues<DefectChannel>().ToDictionary(v => v, v => v.Words());
        private static readonly Dictionary<ServiceStep, string> Steps = Enum.GetValues<ServiceStep>().ToDictionary(v => v, v => v.Title());

        private readonly TimeZoneInfo zone = locale.Zone;

        public CultureInfo Culture { get; } = locale.CultureInfo;

        public void Write(CsvWriter csv, Row r, bool includeContacts)
        {
            csv.WriteField(r.Reference);
            csv.WriteField(r.Practice);
            csv.WriteField(r.Stage);
            csv.WriteField(r.Category ?? "");
            csv.WriteField(Severities.TryGetValue(r.Severity, out var severity) ? severity : r.Severity.ToString());
            csv.WriteField(Channels.TryGetValue(r.Channel, out var channel) ? channel : r.Channel.Words());
            WriteTime(csv, r.OccurredAt);
            WriteTime(csv, r.OpenedAt);
            csv.WriteField(Statuses.TryGetValue(r.Status, out var status) ? status : r.Status.ToString());
            csv.WriteField(r.CurrentStep is { } step ? Steps.TryGetValue(step, out var title) ? title : step.Title() : "");
            if (r.NextDueAt is { } due)
            {
                WriteTime(csv, due);
            }
            else
            {
                csv.WriteField("");
            }

            csv.WriteField(r.Status == CaseStatus.Open && r.NextDueAt < now ? "Yes" : "No");
            csv.WriteField(r.OwnerName ?? "Unassigned");
            var given = Math.Round((decimal)r.Given, 2);
            Span<char> amount = stackalloc char[64];
            if (given.TryFormat(amount, out var written, "0.00", CultureInfo.InvariantCulture))
            {
                csv.WriteField(amount[..written]);
            }
            else
            {
                csv.WriteField(given.ToString("0.00", CultureInfo.InvariantCulture));
            }
            if (includeContacts)
            {
                csv.WriteField(r.PatientName);
                csv.WriteField(r.PatientPhone ?? "");
                csv.WriteField(r.PatientEmail ?? "");
            }
        }

        /// <summary>The practice's local time in the culture's short date and time ("g").</summary>
        private void WriteTime(CsvWriter csv, DateTimeOffset utc)
        {
            var local = TimeZoneInfo.ConvertTime(utc, zone).DateTime;
            Span<char> text = stackalloc char[64];
            if (local.TryFormat(text, out var written, "g", Culture))
            {
                csv.WriteField(text[..written]);
            }
            else
            {
                csv.WriteField(local.ToString("g", Culture));
            }
        }
    }
}
