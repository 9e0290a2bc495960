using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Email;
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

    public SentMarkFailure SentMarks { get; } = new();

    public SaveFailure Saves { get; } = new();

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
                services.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(test!.Commits, test.SentMarks, test.Saves));
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
            var patient = Patient.Create(id, PatientName, PatientPhone, "zephyrine@example.test", null, openedAt, "AU");
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

    /// <summary>The anonymous readiness check, as a load balancer sees it: the status code and the word.</summary>
    public async Task<(HttpStatusCode Status, string Word)> ReadinessAsync()
    {
        using var client = App.CreateClient();
        var response = await client.GetAsync("/health/ready");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The log events the app wrote at <paramref name="level"/> (Serilog's compact JSON: "@l", "@mt" and the properties).</summary>
    public async Task<List<JsonElement>> LogEventsAsync(string level) =>
        (await App.ReadLogsAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => JsonDocument.Parse(line).RootElement.Clone())
        .Where(e => (e.TryGetProperty("@l", out var l) ? l.GetString() : "Information") == level)
        .ToList();

    public ValueTask DisposeAsync() => App.DisposeAsync();

    /// <summary>Refuses to commit while <see cref="Refuse"/> is set: every command of the save has run, then the commit fails.</summary>
    public sealed class CommitRefusal : DbTransactionInterceptor
    {
        public bool Refuse { get; set; }

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            System.Data.Common.DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            Refuse ? throw new InvalidOperationException("The test refused this commit.") : ValueTask.FromResult(result);
    }

    /// <summary>
    /// The database refuses the next <see cref="FailNext"/> saves of an email's "sent" mark, as a locked or
    /// briefly unreachable database would, after the mail server has accepted the email.
    /// </summary>
    public sealed class SentMarkFailure : DbCommandInterceptor
    {
        private int _failNext;

        public int FailNext { get => _failNext; set => _failNext = value; }

        public int Refused { get; private set; }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var marksSent = command.CommandText.StartsWith("UPDATE \"Outbox\"", StringComparison.Ordinal) && command.CommandText.Contains("\"SentAt\" =", StringComparison.Ordinal);
            if (marksSent && Interlocked.Decrement(ref _failNext) >= 0)
            {
                Refused++;
                throw new SqliteException("database is locked", 5);
            }

            return ValueTask.FromResult(result);
        }
    }

    /// <summary>The next <see cref="FailNext"/> saves that queue email fail with <see cref="Error"/>, before anything is written.</summary>
    public sealed class SaveFailure : SaveChangesInterceptor
    {
        private int _failNext;

        public int FailNext { get => _failNext; set => _failNext = value; }

        /// <summary>The provider's error the save fails with, e.g. a unique-key clash (19/2067) or a locked database (5).</summary>
        public SqliteException Error { get; set; } = new("database is locked", 5);

        /// <summary>Saves that queued email, failed or not.</summary>
        public int Attempts { get; private set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!eventData.Context!.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
            {
                return ValueTask.FromResult(result);
            }

            Attempts++;
            return Interlocked.Decrement(ref _failNext) >= 0
                ? throw new DbUpdateException("An error occurred while saving the entity changes.", Error)
                : ValueTask.FromResult(result);
        }
    }
}
