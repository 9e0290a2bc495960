namespace ServiceRecovery.Domain.Tests.Builders;

/// <summary>
/// Small factories for the things a test needs. Every call returns a fresh object: tests share no mutable state.
/// </summary>
internal static class A
{
    /// <summary>The fixed "now" of every test: 10 March 2026, 09:00 UTC (20:00 in Sydney).</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    public static Actor FrontDesk => new("user-front-desk", "Fiona Front", StaffRole.FrontDesk);

    public static Actor OtherFrontDesk => new("user-front-desk-2", "Omar Other", StaffRole.FrontDesk);

    public static Actor Manager => new("user-manager", "Maya Manager", StaffRole.PracticeManager);

    public static Actor Administrator => new("user-admin", "Ada Admin", StaffRole.Administrator);

    /// <summary>The calendar of <see cref="Practice"/>: Sydney, where <see cref="Now"/> is already the evening.</summary>
    public static PracticeLocale Locale => new("Australia/Sydney", "en-AU", "AUD");

    public static Practice Practice() =>
        Domain.Practice.CreateWithDefaults("Harbourside Dental", "harbourside", "Australia/Sydney", "en-AU", "AUD");

    public static Patient PatientOf(Practice practice) =>
        Domain.Patient.Create(practice.Id, "Pat Jones", "0400 123 456", "pat@example.com", "PMS-1001", Now, "AU");

    public static ServiceDefect DefectIn(Practice practice, DateTimeOffset occurredAt, DateTimeOffset loggedAt) =>
        ServiceDefect.Log(
            practice.Id,
            PatientOf(practice).Id,
            practice.Stages[3],
            practice.Categories[0],
            Severity.Moderate,
            DefectChannel.InPerson,
            occurredAt,
            "Waited forty minutes past the appointment time with no word from anyone.",
            FrontDesk,
            loggedAt);

    public static CaseBuilder Case() => new();

    /// <summary>A case opened at <see cref="Now"/> for a defect that happened half an hour earlier.</summary>
    public static RecoveryCase OpenCase() => new CaseBuilder().Build();

    public static Improvement ImprovementFor(Guid practiceId, string title = "Call waiting patients when the book runs late") =>
        Improvement.Propose(practiceId, title, null, "user-manager", "Maya Manager", new DateOnly(2026, 4, 1), Locale, Now);
}
