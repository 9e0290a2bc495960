using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Queue;

/// <summary>
/// The queue's filtered list as CSV, streamed row by row so memory does not grow with the row count.
/// Patient contact details only when a manager asks for them, and that export is audited.
/// </summary>
public sealed class ExportCases(AppDbContext db, ICurrentUser user, AuditLog audit, TimeProvider clock)
{
    public async Task WriteAsync(CaseQueue.Filter filter, bool includeContacts, Stream body, CancellationToken cancellationToken)
    {
        CaseQueue.Check(filter);
        var locale = await PracticeLocales.ForAsync(db, filter.PracticeId, cancellationToken);
        var now = clock.GetUtcNow();
        var cases = CaseQueue.Ordered(CaseQueue.Filtered(db, user, filter, locale), now);
        var rows =
            from c in cases
            join stage in db.Stages on c.Defect.StageId equals (Guid?)stage.Id into stages
            from stage in stages.DefaultIfEmpty()
            join category in db.Categories on c.Defect.CategoryId equals category.Id into categories
            from category in categories.DefaultIfEmpty()
            join practice in db.Practices on c.PracticeId equals practice.Id
            join patient in db.Patients on c.Defect.PatientId equals (Guid?)patient.Id into patients
            from patient in patients.DefaultIfEmpty()
            select new
            {
                c.Reference,
                Practice = practice.Name,
                Stage = stage == null ? ServiceDefect.StageNotSure : stage.Name,
                Category = category == null ? null : category.Name,
                c.Defect.Severity,
                c.Defect.Channel,
                c.Defect.OccurredAt,
                c.OpenedAt,
                c.Status,
                c.CurrentStep,
                c.NextDueAt,
                c.OwnerName,
                Given = c.Gestures.Where(g => g.State == GestureState.Given).Sum(g => g.Amount),
                PatientName = includeContacts ? (patient == null ? ServiceDefect.AnonymousPatient : patient.DisplayName) : null,
                PatientPhone = includeContacts && patient != null ? patient.Phone : null,
                PatientEmail = includeContacts && patient != null ? patient.Email : null,
            };

        // Audited before the first row is sent, so a download cut off part-way is on record too.
        await audit.SaveNowAsync(AuditKind.Export, filter.PracticeId,
            $"Exported cases from the queue to CSV{(includeContacts ? ", with patient contact details" : "")}");
        var culture = locale.CultureInfo;
        await using (var text = new StreamWriter(body, CsvExport.Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true))
        await using (var csv = CsvExport.Writer(text, culture))
        {
            string[] header = ["Reference", "Practice", "Stage", "Category", "Severity", "Reached us by", "Happened", "Opened", "Status", "Current step", "Next due", "Overdue", "Owner", $"Gestures given ({locale.Currency})"];
            foreach (var name in includeContacts ? [.. header, "Patient", "Phone", "Email"] : header)
            {
                csv.WriteField(name);
            }

            await csv.EndRecordAsync(cancellationToken);
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                csv.WriteField(r.Reference);
                csv.WriteField(r.Practice);
                csv.WriteField(r.Stage);
                csv.WriteField(r.Category ?? "");
                csv.WriteField(r.Severity.ToString());
                csv.WriteField(r.Channel.Words());
                csv.WriteField(locale.ToLocal(r.OccurredAt).ToString("g", culture));
                csv.WriteField(locale.ToLocal(r.OpenedAt).ToString("g", culture));
                csv.WriteField(r.Status.ToString());
                csv.WriteField(r.CurrentStep?.Title() ?? "");
                csv.WriteField(r.NextDueAt is { } due ? locale.ToLocal(due).ToString("g", culture) : "");
                csv.WriteField(r.Status == CaseStatus.Open && r.NextDueAt < now ? "Yes" : "No");
                csv.WriteField(r.OwnerName ?? "Unassigned");
                csv.WriteField(r.Given.ToString("0.00", CultureInfo.InvariantCulture));
                if (includeContacts)
                {
                    csv.WriteField(r.PatientName);
                    csv.WriteField(r.PatientPhone ?? "");
                    csv.WriteField(r.PatientEmail ?? "");
                }

                await csv.EndRecordAsync(cancellationToken);
            }
        }

    }
}
