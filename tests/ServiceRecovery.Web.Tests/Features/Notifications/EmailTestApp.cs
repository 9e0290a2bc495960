using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Features.Notifications;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Tests.Features.Notifications;

/// <summary>
/// The real app on a fake clock, for reminder and email tests: the test moves time and runs the planner and the
/// sender itself (the background loop is off unless asked for), so every step is deterministic.
/// </summary>
public sealed class EmailTestApp : IAsyncDisposable
{
    public const string PatientName = "Zephyrine Quillfeather";
    public const string PatientPhone = "0499 876 543";
    public const string Description = "Waited ninety-three minutes beyond the booked time";

    private int _lastNumber = 100;

    private EmailTestApp(FakeTimeProvider clock, AppFactory app)
    {
        Clock = clock;
        App = app;
    }

    public FakeTimeProvider Clock { get; }

    public AppFactory App { get; }

    public CommitRefusal Commits { get; } = new();

    public TestWorld World => App.World;

    public static async Task<EmailTestApp> StartAsync(DateTimeOffset start, IReadOnlyDictionary<string, string>? settings = null)
    {
        var clock = new FakeTimeProvider(start);
        EmailTestApp? test = null;
        var app = new AppFactory(extraSettings: settings)
        {
            TestServices = services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(test!.Commits));
            },
        };
        test = new EmailTestApp(clock, app);
        await app.StartAsync();
        return test;
    }

    public async Task<ReminderReport> PlanAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
        return await scope.ServiceProvider.GetRequiredService<ReminderPlanner>().RunAsync(CancellationToken.None);
    }

    public async Task<SendReport> SendAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
        return await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
    }

    /// <summary>Moves the clock in steps, planning reminders after each, up to and including <paramref name="until"/>.</summary>
    public async Task PlanEveryAsync(TimeSpan step, DateTimeOffset until)
    {
        while (Clock.GetUtcNow() + step <= until)
        {
            Clock.Advance(step);
            await PlanAsync();
        }
    }

    public Task<List<OutboxMessage>> OutboxAsync() => App.WithDbAsync(db => db.Outbox.AsNoTracking().OrderBy(m => m.CreatedAt).ThenBy(m => m.RecipientAddress).ToListAsync());

    public Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work) => App.WithDbAsync(work);

    public async Task<Actor> ActorAsync(string email) => await App.WithDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.Email == email);
        // The role at Harbourside, where these cases open (the administrator's is the same at both practices).
        var role = await db.Memberships.Where(m => m.UserId == user.Id).OrderBy(m => m.PracticeId == App.World.Harbourside.Id ? 0 : 1).Select(m => m.Role).FirstAsync();
        return new Actor(user.Id, user.DisplayName, role);
    });

    /// <summary>Opens a case in Harbourside, owned by <paramref name="ownerEmail"/>, <paramref name="age"/> before the clock's now.</summary>
    public async Task<RecoveryCase> OpenCaseAsync(string ownerEmail, TimeSpan age = default, Action<RecoveryCase, DateTimeOffset>? work = null, Guid? practiceId = null)
    {
        var owner = await ActorAsync(ownerEmail);
        var number = Interlocked.Increment(ref _lastNumber);
        return await App.WithDbAsync(async db =>
        {
            var id = practiceId ?? World.Harbourside.Id;
            var practice = await db.Practices.Include(p => p.Stages).Include(p => p.Categories).AsSplitQuery().SingleAsync(p => p.Id == id);
            var openedAt = Clock.GetUtcNow() - age;
            var patient = Patient.Create(id, PatientName, PatientPhone, "zephyrine@example.test", null, openedAt);
            var defect = ServiceDefect.Log(id, patient.Id, practice.Stages[0], practice.Categories[0], Severity.Major, DefectChannel.InPerson,
                openedAt.AddMinutes(-5), Description, owner, openedAt);
            var recoveryCase = RecoveryCase.Open(practice, new CaseReference(openedAt.Year, number), defect, owner, openedAt);
            work?.Invoke(recoveryCase, openedAt);
            db.Patients.Add(patient);
            db.Defects.Add(defect);
            db.Cases.Add(recoveryCase);
            await db.SaveChangesAsync();
            return recoveryCase;
        });
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    /// <summary>Refuses to commit while <see cref="Refuse"/> is set: every command of the save has run, then the commit fails.</summary>
    public sealed class CommitRefusal : DbTransactionInterceptor
    {
        public bool Refuse { get; set; }

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            System.Data.Common.DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            Refuse ? throw new InvalidOperationException("The test refused this commit.") : ValueTask.FromResult(result);
    }
}
