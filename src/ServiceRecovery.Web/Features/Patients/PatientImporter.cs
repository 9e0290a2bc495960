namespace ServiceRecovery.Web.Features.Patients;

/// <summary>
/// The import itself, the same for the preview (nothing saved) and the import: the file is read twice, row by row (first for
/// PMS ids shared by two rows, which refuse the whole file; then for the patients) and the patients are matched and written
/// in batches of <see cref="BatchSize"/>, the change tracker cleared after each, so memory does not grow with the file.
/// The import runs inside the command's one transaction: a refusal or a failure part-way keeps nothing.
/// </summary>
public sealed class PatientImporter(AppDbContext db, TimeProvider clock)
{
    public const int BatchSize = 1000;

    /// <summary>The preview lists this many rows; the counts cover them all.</summary>
    public const int PreviewRows = 10;

    /// <summary>Refused rows and possible duplicates listed on the page; the counts cover them all.</summary>
    public const int MaxListed = 500;

    public sealed record Listed(int Row, string Reason);

    public sealed class Outcome
    {
        public int Rows { get; set; }
        public int Added { get; set; }
        public int Updated { get; set; }
        public int Unchanged { get; set; }
        public int Duplicates { get; set; }
        public int Refused { get; set; }
        public List<ImportRow> Preview { get; } = [];
        public List<Listed> RefusedRows { get; } = [];
        public List<Listed> DuplicateRows { get; } = [];

        /// <summary>PMS ids on more than one row: the whole file is refused.</summary>
        public List<(string PmsId, IReadOnlyList<int> Rows)> SharedIds { get; } = [];

        public bool IsRefused => SharedIds.Count > 0;
    }

    public async Task<Outcome> RunAsync(Guid practiceId, string region, byte[] content, ColumnMapping mapping, bool apply, CancellationToken cancellationToken)
    {
        var outcome = new Outcome();
        if (mapping.PmsId is { } idColumn)
        {
            FindSharedIds(content, idColumn, outcome);
            if (outcome.IsRefused)
            {
                return outcome;
            }
        }

        var batch = new List<ImportRow>(BatchSize);
        foreach (var (number, cells) in PatientFile.Rows(content))
        {
            outcome.Rows++;
            var (row, refusal) = ImportRow.Read(number, cells, mapping, region);
            if (row is null)
            {
                outcome.Refused++;
                Add(outcome.RefusedRows, new Listed(number, refusal!));
                continue;
            }

            if (outcome.Preview.Count < PreviewRows)
            {
                outcome.Preview.Add(row);
            }

            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                await ApplyAsync(practiceId, region, batch, apply, outcome, cancellationToken);
                batch.Clear();
            }
        }

        await ApplyAsync(practiceId, region, batch, apply, outcome, cancellationToken);
        return outcome;
    }

    private static void FindSharedIds(byte[] content, int idColumn, Outcome outcome)
    {
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
        var shared = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (number, cells) in PatientFile.Rows(content))
        {
            var id = idColumn <= cells.Length ? cells[idColumn - 1].Trim() : "";
            if (id.Length == 0)
            {
                continue;
            }

            if (!firstRow.TryAdd(id, number))
            {
                if (!shared.TryGetValue(id, out var rows))
                {
                    shared[id] = rows = [firstRow[id]];
                }

                rows.Add(number);
            }
        }

        outcome.SharedIds.AddRange(shared.Take(MaxListed).Select(s => (s.Key, (IReadOnlyList<int>)s.Value)));
    }

    private async Task ApplyAsync(Guid practiceId, string region, List<ImportRow> batch, bool apply, Outcome outcome, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var ids = batch.Where(r => r.PmsId is not null).Select(r => r.PmsId!).ToList();
        var known = ids.Count == 0 ? [] : await (apply ? db.Patients : db.Patients.AsNoTracking())
            .Where(p => p.PracticeId == practiceId && p.ExternalId != null && ids.Contains(p.ExternalId))
            .ToListAsync(cancellationToken);
        var byId = known.ToLookup(p => p.ExternalId!, StringComparer.Ordinal);

        var unkeyed = batch.Where(r => r.PmsId is null).ToList();
        var phones = unkeyed.SelectMany(r => new[] { r.MobileE164, r.OtherPhoneE164 }).OfType<string>().Distinct().ToList();
        var emails = unkeyed.Select(r => r.Email?.ToLowerInvariant()).OfType<string>().Distinct().ToList();
        var existing = unkeyed.Count == 0 ? [] : await db.Patients.AsNoTracking()
            .Where(p => p.PracticeId == practiceId)
            .Where(p => (p.PhoneE164 != null && phones.Contains(p.PhoneE164)) || (p.OtherPhoneE164 != null && phones.Contains(p.OtherPhoneE164))
                || (p.Email != null && emails.Contains(p.Email.ToLower())))
            .Select(p => new { p.PhoneE164, p.OtherPhoneE164, p.Email })
            .ToListAsync(cancellationToken);
        var knownPhones = existing.SelectMany(p => new[] { p.PhoneE164, p.OtherPhoneE164 }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var knownEmails = existing.Select(p => p.Email).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);

        foreach (var row in batch)
        {
            if (row.PmsId is { } pmsId)
            {
                var matches = byId[pmsId].ToList();
                if (matches.Count > 1)
                {
                    outcome.Refused++;
                    Add(outcome.RefusedRows, new Listed(row.Number, "Two patients of the practice already have this PMS patient id; merge them before importing this row."));
                }
                else if (matches.Count == 1)
                {
                    // On a preview the patient is not tracked: the change shows in the counts and is never saved.
                    if (matches[0].UpdateFromPms(row.Name, row.Mobile, row.OtherPhone, row.Email, region, now))
                    {
                        outcome.Updated++;
                    }
                    else
                    {
                        outcome.Unchanged++;
                    }
                }
                else
                {
                    Add(row, now, practiceId, region, apply, outcome);
                }

                continue;
            }

            var samePhone = (row.MobileE164 is { } m && knownPhones.Contains(m)) || (row.OtherPhoneE164 is { } o && knownPhones.Contains(o));
            var sameEmail = row.Email is { } e && knownEmails.Contains(e);
            if (samePhone || sameEmail)
            {
                outcome.Duplicates++;
                var by = samePhone && sameEmail ? "phone number and email address" : samePhone ? "phone number" : "email address";
                Add(outcome.DuplicateRows, new Listed(row.Number, $"No PMS patient id, and an existing patient has the same {by}: skipped, not merged. Add the PMS id to the row, or check the patient by hand."));
                continue;
            }

            Add(row, now, practiceId, region, apply, outcome);
        }

        if (apply)
        {
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    private void Add(ImportRow row, DateTimeOffset now, Guid practiceId, string region, bool apply, Outcome outcome)
    {
        outcome.Added++;
        if (apply)
        {
            db.Patients.Add(Patient.Create(practiceId, row.Name, row.Mobile, row.Email, row.PmsId, now, region, row.OtherPhone));
        }
    }

    private static void Add(List<Listed> list, Listed item)
    {
        if (list.Count < MaxListed)
        {
            list.Add(item);
        }
    }
}
