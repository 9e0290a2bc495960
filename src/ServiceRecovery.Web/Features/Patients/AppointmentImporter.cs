using ServiceRecovery.Web.Features.Appointments;

namespace ServiceRecovery.Web.Features.Patients;

/// <summary>
/// Appointments from a CSV file: each row read into a <see cref="RecordAppointments.Item"/> (the start in the practice's
/// zone unless it carries an offset) and sent as <see cref="RecordAppointments.Command"/> in batches of
/// <see cref="RecordAppointments.MaxItems"/>, the same command the API sends. Each batch is its own transaction, in its
/// own service scope (a fresh change tracker): a 100,000-row file is a hundred short writes that other staff's saves
/// can pass between, and memory stays flat. A file stopped part-way keeps the batches before; importing it again
/// finishes it, since the appointment id is the key and a batch sent twice changes nothing.
/// </summary>
public sealed class AppointmentImporter(IServiceScopeFactory scopes)
{
    public const int PreviewRows = 10;

    /// <summary>Refused rows listed on the page; the counts cover them all.</summary>
    public const int MaxListed = PatientImporter.MaxListed;

    public sealed record Listed(int Row, string Reason);

    /// <summary>A row as the preview shows it, with what would happen to it.</summary>
    public sealed record PreviewRow(int Row, string? AppointmentId, string? PmsPatientId, string? Start, string? Status, string WhatHappens);

    public sealed class Outcome
    {
        public int Rows { get; set; }
        public int Added { get; set; }
        public int Updated { get; set; }
        public int Unchanged { get; set; }
        public int Refused { get; set; }
        public int ReturnsRecorded { get; set; }
        public List<PreviewRow> Preview { get; } = [];
        public List<Listed> RefusedRows { get; } = [];

        public void Count(RecordAppointments.Outcome outcome, int row, string? reason)
        {
            switch (outcome)
            {
                case RecordAppointments.Outcome.Added: Added++; break;
                case RecordAppointments.Outcome.Updated: Updated++; break;
                case RecordAppointments.Outcome.Unchanged: Unchanged++; break;
                default:
                    Refused++;
                    if (RefusedRows.Count < MaxListed)
                    {
                        RefusedRows.Add(new Listed(row, reason ?? "Refused."));
                    }

                    break;
            }
        }
    }

    /// <summary>A row's item: the start read here (a cell that is not a date and time is the row's refusal, with the reason).</summary>
    public static (RecordAppointments.Item Item, string? StartRefusal) Read(string[] cells, AppointmentColumnMapping mapping, PracticeLocale locale)
    {
        string? Cell(int? column) => column is { } c && c <= cells.Length ? cells[c - 1].Trim() : null;
        var startText = Cell(mapping.Start);
        var start = AppointmentStart.Read(startText, locale);
        return (new RecordAppointments.Item(Cell(mapping.AppointmentId), Cell(mapping.PmsPatientId), start, Cell(mapping.Status)),
            start is null && !string.IsNullOrEmpty(startText) ? AppointmentStart.LocalMessage(locale) : null);
    }

    /// <summary>Sends the file's rows, a batch at a time; the outcome counts every row and lists the refused ones by row number.</summary>
    public async Task<Outcome> ImportAsync(Guid practiceId, byte[] content, AppointmentColumnMapping mapping, PracticeLocale locale, CancellationToken cancellationToken)
    {
        var outcome = new Outcome();
        var batch = new List<(int Row, RecordAppointments.Item Item)>(RecordAppointments.MaxItems);
        foreach (var (number, cells) in PatientFile.Rows(content))
        {
            outcome.Rows++;
            var (item, refusal) = Read(cells, mapping, locale);
            if (refusal is not null)
            {
                outcome.Count(RecordAppointments.Outcome.Refused, number, refusal);
                continue;
            }

            batch.Add((number, item));
            if (batch.Count == RecordAppointments.MaxItems)
            {
                await SendAsync(practiceId, batch, outcome, cancellationToken);
                batch.Clear();
            }
        }

        await SendAsync(practiceId, batch, outcome, cancellationToken);
        return outcome;
    }

    private async Task SendAsync(Guid practiceId, List<(int Row, RecordAppointments.Item Item)> batch, Outcome outcome, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        // A scope of its own: the batch's change tracker goes with it. The person is the request's (HttpContext), so
        // the practice filter and the authorisation are theirs.
        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var result = await mediator.Send(new RecordAppointments.Command(practiceId, [.. batch.Select(b => b.Item)], AppointmentSource.Csv), cancellationToken);
        if (!result.Succeeded)
        {
            var reason = result.Conflict is not null
                ? "Not saved: someone changed these appointments at the same moment. Import the file again; rows already imported stay unchanged."
                : string.Join(" ", result.Errors.Select(e => e.Message).DefaultIfEmpty("Not saved."));
            foreach (var (row, _) in batch)
            {
                outcome.Count(RecordAppointments.Outcome.Refused, row, reason);
            }

            return;
        }

        foreach (var item in result.Value!.Items)
        {
            outcome.Count(item.Outcome, batch[item.Index].Row, item.Message);
        }

        outcome.ReturnsRecorded += result.Value.ReturnsRecorded;
    }
}
