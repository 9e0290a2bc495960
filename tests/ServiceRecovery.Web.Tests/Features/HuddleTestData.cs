using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Seeding;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>
/// A practice of its own for one huddle test, with a manager and a front-desk account, so the board's numbers are
/// exactly what the test put there. Cases are built through the domain with times in the past (overdue, last week),
/// which the forms cannot do.
/// </summary>
public sealed class HuddlePractice
{
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");

    private readonly AppFixture _fixture;
    private int _lastNumber;

    private HuddlePractice(AppFixture fixture, Guid id, string name, Actor manager, Actor frontDesk, string managerEmail, string frontDeskEmail)
    {
        _fixture = fixture;
        Id = id;
        Name = name;
        Manager = manager;
        FrontDesk = frontDesk;
        ManagerEmail = managerEmail;
        FrontDeskEmail = frontDeskEmail;
    }

    public Guid Id { get; }
    public string Name { get; }
    public Actor Manager { get; }
    public Actor FrontDesk { get; }
    public string ManagerEmail { get; }
    public string FrontDeskEmail { get; }

    /// <summary>The practice's calendar: Sydney.</summary>
    public static readonly PracticeLocale Locale = new("Australia/Sydney", "en-AU", "AUD");

    /// <summary>Today at the practice (Sydney), as the board counts days.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Sydney).DateTime);

    public static async Task<HuddlePractice> CreateAsync(AppFixture fixture, string name)
    {
        var key = Guid.NewGuid().ToString("N")[..10];
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<PracticeScope>().LiftForSystemWork();
        var db = services.GetRequiredService<AppDbContext>();
        var practice = Practice.CreateWithDefaults(name, $"huddle-{key}", "Australia/Sydney", "en-AU", "AUD");
        db.Practices.Add(practice);
        await db.SaveChangesAsync();

        var now = DateTimeOffset.UtcNow;
        var managerEmail = $"manager-{key}@huddle.test";
        var frontDeskEmail = $"frontdesk-{key}@huddle.test";
        var manager = await IdentitySeed.CreateStaffAsync(services, managerEmail, "Huddle Manager", Roles.PracticeManager, TestWorld.Password, now, practice.Id);
        var frontDesk = await IdentitySeed.CreateStaffAsync(services, frontDeskEmail, "Huddle Front Desk", Roles.FrontDesk, TestWorld.Password, now, practice.Id);
        return new HuddlePractice(fixture, practice.Id, name,
            new Actor(manager.Id, manager.DisplayName, StaffRole.PracticeManager),
            new Actor(frontDesk.Id, frontDesk.DisplayName, StaffRole.FrontDesk),
            managerEmail, frontDeskEmail);
    }

    /// <summary>
    /// Opens a case <paramref name="age"/> ago at the stage in <paramref name="stagePosition"/> (1 = First contact), lets
    /// <paramref name="work"/> act on it (given the time it was opened), saves, and returns its reference.
    /// </summary>
    public async Task<string> OpenCaseAsync(int stagePosition, TimeSpan age, Action<RecoveryCase, DateTimeOffset>? work = null,
        string patientName = "Board Patient", string description = "Something spoilt the visit.", int categoryPosition = 1, string? patientPmsId = null)
    {
        var number = Interlocked.Increment(ref _lastNumber);
        return await _fixture.App.WithDbAsync(async db =>
        {
            var practice = await db.Practices.Include(p => p.Stages).Include(p => p.Categories).AsSplitQuery().SingleAsync(p => p.Id == Id);
            var openedAt = DateTimeOffset.UtcNow - age;
            var patient = Patient.Create(Id, patientName, "0400 000 000", null, patientPmsId, openedAt, "AU");
            var defect = ServiceDefect.Log(Id, patient.Id, practice.Stages.Single(s => s.Position == stagePosition),
                practice.Categories.Single(c => c.Position == categoryPosition), Severity.Moderate, DefectChannel.InPerson,
                openedAt.AddMinutes(-5), description, FrontDesk, openedAt);
            var recoveryCase = RecoveryCase.Open(practice, new CaseReference(openedAt.Year, number), defect, FrontDesk, openedAt);
            work?.Invoke(recoveryCase, openedAt);
            db.Patients.Add(patient);
            db.Defects.Add(defect);
            db.Cases.Add(recoveryCase);
            await db.SaveChangesAsync();
            return recoveryCase.Reference;
        });
    }

    /// <summary>A case that ran its whole course and was closed: history that the board must not pay for.</summary>
    public Task<string> CloseHistoricCaseAsync(TimeSpan age, string patientName = "Board Patient") => OpenCaseAsync(1 + (int)(age.TotalDays % 8), age, (c, at) =>
    {
        var day = Locale.DateAt(at);
        c.RecordApology(FrontDesk, "Front desk", ApologyMethod.InPerson, at.AddMinutes(1), at.AddMinutes(1));
        c.RecordFix(FrontDesk, "Rebooked.", at.AddMinutes(2));
        c.RecordContact(FrontDesk, ContactMethod.Call, at.AddMinutes(3), "Called.", at.AddMinutes(3));
        c.GiveGesture(Manager, GestureKind.Discount, 20m, null, GestureLimits.Default, at.AddMinutes(4));
        c.Skip(ServiceStep.ImplementImprovements, "One-off; nothing to change.", Manager, at.AddMinutes(5));
        c.RecordLesson(Manager, "An old lesson.", at.AddMinutes(6));
        c.MarkLessonsShared(Manager, day, Locale, at.AddMinutes(7));
        c.PlanFollowUp(Manager, Locale.DateAt(at.AddMinutes(8)), FollowUpMethod.Call, Locale, at.AddMinutes(8));
        c.RecordReturn(Manager, day, "Check-up", Locale, at.AddMinutes(9));
        c.Close(Manager, at.AddMinutes(10));
    }, patientName);

    /// <summary>A booked appointment, as the practice-management system sends it, for the patient of the case <paramref name="reference"/>.</summary>
    public Task BookAsync(string reference, DateTimeOffset startsAt, AppointmentStatus status = AppointmentStatus.Booked) => WithDbAsync(async db =>
    {
        var patientId = await db.Cases.Where(c => c.PracticeId == Id && c.Reference == reference).Select(c => c.Defect.PatientId!.Value).SingleAsync();
        db.Appointments.Add(Appointment.Record(Id, $"appt-{Guid.NewGuid():N}", patientId, startsAt, status, AppointmentSource.Api, DateTimeOffset.UtcNow));
        return await db.SaveChangesAsync();
    });

    /// <summary>A wall-clock time at the practice <paramref name="days"/> from today, in UTC.</summary>
    public static DateTimeOffset At(int days, int hour, int minute = 0) => Locale.FromLocal(Today.AddDays(days).ToDateTime(new TimeOnly(hour, minute)));

    public Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work) => _fixture.App.WithDbAsync(work);

    public Task<Guid> IdOfAsync(string reference) =>
        WithDbAsync(db => db.Cases.Where(c => c.PracticeId == Id && c.Reference == reference).Select(c => c.Id).SingleAsync());

    /// <summary>Loads the case with everything it holds, as a command loads it for editing, applies the change and saves.</summary>
    public Task<int> ChangeCaseAsync(Guid id, Action<RecoveryCase, DateTimeOffset> change) => WithDbAsync(async db =>
    {
        IQueryable<RecoveryCase> cases = db.Cases.AsSplitQuery();
        foreach (var navigation in db.Model.FindEntityType(typeof(RecoveryCase))!.GetNavigations().Where(n => !n.TargetEntityType.IsOwned()))
        {
            cases = cases.Include(navigation.Name);
        }

        var recoveryCase = await cases.SingleAsync(c => c.Id == id);
        change(recoveryCase, DateTimeOffset.UtcNow);
        return await db.SaveChangesAsync();
    });
}
