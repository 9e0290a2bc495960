using Microsoft.EntityFrameworkCore;

using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>
/// Builds report data straight through the domain, with every time chosen by the test (all UTC), so each
/// figure can be worked out by hand.
/// </summary>
internal sealed class ReportsSeed(AppDbContext db, Practice practice)
{
    private static int _number = 1000;

    public static readonly Actor FrontDesk = new("reports-front-desk", TestWorld.FrontDeskName, StaffRole.FrontDesk);
    public static readonly Actor Manager = new("reports-manager", TestWorld.ManagerName, StaffRole.PracticeManager);

    /// <summary>The calendar the report practices keep their dates by (Harbourside's).</summary>
    public static readonly PracticeLocale Locale = new("Australia/Sydney", "en-AU", "AUD");

    public Practice Practice => practice;

    public static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>Loads the practice with its stages and categories, runs <paramref name="build"/> and saves everything it made.</summary>
    public static Task<T> RunAsync<T>(AppFactory app, Guid practiceId, Func<ReportsSeed, T> build) => app.WithDbAsync(async db =>
    {
        var practice = await db.Practices.Include(p => p.Stages).Include(p => p.Categories).SingleAsync(p => p.Id == practiceId);
        var result = build(new ReportsSeed(db, practice));
        await db.SaveChangesAsync();
        return result;
    });

    public static Task RunAsync(AppFactory app, Guid practiceId, Action<ReportsSeed> build) =>
        RunAsync(app, practiceId, seed =>
        {
            build(seed);
            return true;
        });

    /// <summary>A defect of the given stage and category and its case, logged an hour after it happened.</summary>
    public RecoveryCase Case(DateTimeOffset occurredAt, string stage, string? category = null) =>
        Case(occurredAt, stage, category, Patient(occurredAt.AddHours(1)));

    /// <summary>A patient of the practice with a PMS id, as the practice-management system knows them.</summary>
    public Patient Patient(DateTimeOffset createdAt)
    {
        var patient = Domain.Patient.Create(practice.Id, "Report Patient", "0400 000 000", null, $"PMS-{Interlocked.Increment(ref _number)}", createdAt, "AU");
        db.Patients.Add(patient);
        return patient;
    }

    /// <summary>An appointment of the patient as the PMS reports it, received at <paramref name="now"/>.</summary>
    public Appointment Visit(Patient patient, DateTimeOffset startsAt, AppointmentStatus status, DateTimeOffset now)
    {
        var appointment = Appointment.Record(practice.Id, $"APT-{Interlocked.Increment(ref _number)}", patient.Id, startsAt, status, AppointmentSource.Api, now);
        db.Appointments.Add(appointment);
        return appointment;
    }

    /// <summary>A defect of <paramref name="patient"/> and its case, logged an hour after it happened.</summary>
    public RecoveryCase Case(DateTimeOffset occurredAt, string stage, string? category, Patient patient)
    {
        var opened = occurredAt.AddHours(1);
        var defect = ServiceDefect.Log(practice.Id, patient.Id,
            practice.Stages.Single(s => s.Name == stage),
            category is null ? null : practice.Categories.Single(c => c.Name == category),
            Severity.Moderate, DefectChannel.InPerson, occurredAt, "Seeded for the reports.", FrontDesk, opened);
        var recoveryCase = RecoveryCase.Open(practice, new CaseReference(occurredAt.Year, Interlocked.Increment(ref _number)), defect, FrontDesk, opened);
        db.Cases.Add(recoveryCase);
        return recoveryCase;
    }

    /// <summary>A case of the stage whose recovery survey was sent at <paramref name="sentAt"/> and, when given, answered.</summary>
    public RecoverySurvey Survey(DateTimeOffset sentAt, string stage, (int Fair, int Easy, int Respect, int Recommend, string? Comment)? answer, DateTimeOffset? answeredAt)
    {
        var patient = Patient(sentAt.AddDays(-10));
        var recoveryCase = Case(sentAt.AddDays(-7), stage, null, patient);
        var survey = RecoverySurvey.Issue(recoveryCase, patient.Id, Guid.NewGuid().ToString("N"), sentAt);
        if (answer is { } a)
        {
            survey.Answer(a.Fair, a.Easy, a.Respect, a.Recommend, a.Comment, answeredAt!.Value);
        }

        db.Surveys.Add(survey);
        return survey;
    }

    public Improvement Improvement(string title)
    {
        var improvement = Domain.Improvement.Propose(practice.Id, title, null, null, null, null, practice.Locale, Utc(2024, 12, 1));
        db.Improvements.Add(improvement);
        return improvement;
    }

    public Improvement Existing(Guid id) => db.Improvements.Single(i => i.Id == id);

    public DefectCategory Category(string name) => practice.Categories.SingleOrDefault(c => c.Name == name) ?? practice.AddCategory(name);

    /// <summary>The apology, <paramref name="after"/> the defect happened, recorded as soon as the case allows.</summary>
    public static void Apologise(RecoveryCase recoveryCase, TimeSpan after)
    {
        var at = recoveryCase.Defect.OccurredAt + after;
        recoveryCase.RecordApology(FrontDesk, TestWorld.FrontDeskName, ApologyMethod.InPerson, at, at > recoveryCase.OpenedAt ? at : recoveryCase.OpenedAt);
    }

    public Gesture Give(RecoveryCase recoveryCase, Actor by, decimal amount, DateTimeOffset at) =>
        recoveryCase.GiveGesture(by, GestureKind.Discount, amount, null, practice.GestureLimits, at);

    public static void Return(RecoveryCase recoveryCase, DateOnly on) =>
        recoveryCase.RecordReturn(FrontDesk, on, "Check-up", Locale, new DateTimeOffset(on.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero));

    public static void Skip(RecoveryCase recoveryCase, DateTimeOffset at, params ServiceStep[] steps)
    {
        foreach (var step in steps)
        {
            recoveryCase.Skip(step, "Not needed for this report test.", Manager, at);
        }
    }
}
