namespace ServiceRecovery.Domain;

/// <summary>
/// A CSV file of patients a manager uploaded, kept between choosing its columns, the preview and the import. Kept in the
/// database, so any instance of an install with several can take the next step; removed when imported, and after
/// <see cref="KeptFor"/> by the next upload. Holds patient details: never logged, never in a URL but by its id.
/// </summary>
public sealed class PatientImportUpload
{
    /// <summary>A PMS export of a large practice (tens of thousands of patients, a few columns each) is a few megabytes.</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    private PatientImportUpload() { }

    public Guid Id { get; private set; }
    public Guid PracticeId { get; private set; }
    public string UploadedById { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }
    public byte[] Content { get; private set; } = [];

    public static PatientImportUpload Create(Guid practiceId, string uploadedById, byte[] content, DateTimeOffset now) =>
        content.Length is 0 or > MaxBytes
            ? throw new DomainRuleException($"A patient file must hold something and be at most {MaxBytes / 1024 / 1024} MB.")
            : new PatientImportUpload
            {
                Id = Ids.New(),
                PracticeId = practiceId,
                UploadedById = uploadedById,
                UploadedAt = now,
                Content = content,
            };
}
