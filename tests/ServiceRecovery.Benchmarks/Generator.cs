using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Seeding;

namespace ServiceRecovery.Benchmarks;

/// <summary>The practices and accounts of a generated database, as the load driver needs them.</summary>
public sealed record BenchPractice(Guid Id, string Name, string TimeZoneId, string ManagerEmail, string FrontDeskEmail, string ApiKey = "");

/// <summary>
/// Generates a database of N cases across three practices and five years. The schema comes from the app's own
/// migrations; practices, improvements and accounts are saved through EF and Identity as the app saves them; the
/// bulk (patients, defects, cases, step records, timeline) is built with the domain's own methods and written with
/// prepared INSERTs in large transactions (see <see cref="BulkWriter"/>).
/// </summary>
public static class Generator
{
    public const string Password = "Bench-Password-2026";
    public const int Years = 5;

    /// <summary>The practices, each with the complaint profile and holiday region its place asks for.</summary>
    private static readonly (string Name, string Slug, string Zone, string Culture, string Currency, double Share, string Profile, HolidayRegion Region)[] PracticeShapes =
    [
        ("Harbourside Dental", "harbourside", "Australia/Melbourne", "en-AU", "AUD", 0.45, JurisdictionProfiles.Victoria.Id, HolidayRegion.Victoria),
        ("Riverside Family Dentistry", "riverside", "Australia/Perth", "en-AU", "AUD", 0.35, JurisdictionProfiles.AustraliaNewZealandOther.Id, HolidayRegion.WesternAustralia),
        ("Kelburn Dental Studio", "kelburn", "Pacific/Auckland", "en-NZ", "NZD", 0.20, JurisdictionProfiles.AustraliaNewZealandOther.Id, HolidayRegion.NewZealand),
    ];

    /// <summary>About one case in this many is a formal complaint.</summary>
    public const int ComplaintEvery = 50;

    public static async Task<IReadOnlyList<BenchPractice>> GenerateAsync(string databasePath, int caseCount, TextWriter log)
    {
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm", KeysFile(databasePath) })
        {
            File.Delete(file);
        }

        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        await using var services = Services(databasePath);
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();

        var practices = new List<(Practice Practice, Actor FrontDesk, Actor Manager, List<Improvement> Improvements, LetterTemplateVersion ComplaintLetter, double Share)>();
        var result = new List<BenchPractice>();
        var start = now.AddYears(-Years);
        foreach (var shape in PracticeShapes)
        {
            var practice = Practice.CreateWithDefaults(shape.Name, shape.Slug, shape.Zone, shape.Culture, shape.Currency);
            practice.ChangeWorkingDaysAndComplaints(WorkingDays.Days(practice.OpeningDays), practice.ClosureDays,
                new ComplaintSettings(shape.Profile, shape.Region, null, null));
            db.Practices.Add(practice);
            await db.SaveChangesAsync();
            var frontDeskEmail = $"frontdesk@{shape.Slug}.example";
            var managerEmail = $"manager@{shape.Slug}.example";
            var frontDesk = await IdentitySeed.CreateStaffAsync(scope.ServiceProvider, frontDeskEmail, $"Front desk {shape.Name}", Roles.FrontDesk, Password, start, practice.Id);
            var manager = await IdentitySeed.CreateStaffAsync(scope.ServiceProvider, managerEmail, $"Manager {shape.Name}", Roles.PracticeManager, Password, start, practice.Id);
            var managerActor = new Actor(manager.Id, manager.DisplayName, StaffRole.PracticeManager);

            // One improvement a month or so, each serving the cases of the weeks after it.
            var random = new Random(shape.Slug.Length);
            var improvements = Enumerable.Range(0, Years * 12)
                .Select(m => Improvement.Propose(practice.Id, $"{Ideas[m % Ideas.Length]} ({m / Ideas.Length + 1})", "Agreed at the monthly review.",
                    managerActor.UserId, managerActor.Name, DateOnly.FromDateTime(start.AddMonths(m + 1).UtcDateTime), practice.Locale,
                    start.AddMonths(m).AddDays(random.Next(0, 20))))
                .ToList();
            foreach (var (improvement, i) in improvements.Select((x, i) => (x, i)))
            {
                improvement.MoveTo(i < improvements.Count - 3 ? ImprovementStatus.Done : i < improvements.Count - 1 ? ImprovementStatus.InProgress : ImprovementStatus.Proposed, managerActor, improvement.CreatedAt);
            }

            db.Improvements.AddRange(improvements);
            // The letter the formal complaints' acknowledgements and responses are written from, saved as the letters page saves it.
            var complaintLetter = LetterTemplate.Create(practice.Id, LetterKind.Custom, "Complaint letter", "Your complaint",
                "Dear patient,\n\nThank you for telling us about your complaint.", managerActor, start);
            db.LetterTemplates.Add(complaintLetter);
            await db.SaveChangesAsync();
            practices.Add((practice, new Actor(frontDesk.Id, frontDesk.DisplayName, StaffRole.FrontDesk), managerActor, improvements, complaintLetter.Versions[0], shape.Share));
            result.Add(new BenchPractice(practice.Id, practice.Name, practice.TimeZoneId, managerEmail, frontDeskEmail));
        }

        // One API key per practice, with every scope, for the load clients of the API (see ApiKeysAsync).
        await SaveApiKeysAsync(db, databasePath, practices.Select(p => (p.Practice.Id, p.Manager)), now);

        // An administrator of all three, for the diagnostics endpoint.
        await IdentitySeed.CreateStaffAsync(scope.ServiceProvider, AdminEmail, "Benchmark administrator", Roles.Administrator, Password, start,
            [.. practices.Select(p => p.Practice.Id)]);
        var model = db.Model;
        await db.DisposeAsync();
        log.WriteLine($"  schema, practices and accounts: {clock.Elapsed.TotalSeconds:F1} s");

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        Execute(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-400000; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=OFF;");

        // The migrations' secondary indexes are dropped for the bulk load and created again, with the same
        // statements, once the rows are in: one sorted build each instead of millions of scattered inserts.
        var indexes = Indexes(connection);
        foreach (var (name, _) in indexes)
        {
            Execute(connection, $"DROP INDEX \"{name}\"");
        }

        using var writer = new BulkWriter(connection, model);
        var cases = 0;
        var open = 0;
        foreach (var p in practices)
        {
            var count = p == practices[^1] ? caseCount - cases : (int)Math.Round(caseCount * p.Share);
            open += WritePractice(writer, p.Practice, p.FrontDesk, p.Manager, p.Improvements, p.ComplaintLetter, count, start, now, log);
            cases += count;
        }

        writer.Commit();
        var built = Stopwatch.StartNew();
        foreach (var (_, sql) in indexes)
        {
            Execute(connection, sql);
        }

        log.WriteLine($"  indexes created again in {built.Elapsed.TotalSeconds:F1} s");

        // The rows went in beside EF, so the queue's kept counts are made from them, as the migration does for an
        // existing database.
        var counted = Stopwatch.StartNew();
        Execute(connection, ServiceRecovery.Data.ReadModels.QueueCountSql.Backfill);
        log.WriteLine($"  queue counts kept from the rows in {counted.Elapsed.TotalSeconds:F1} s");
        Execute(connection, "PRAGMA journal_mode=WAL;");
        log.WriteLine($"  writes {Stopwatch.GetElapsedTime(0, WriteTicks).TotalSeconds:F1} s");
        log.WriteLine($"  {cases:N0} cases ({open:N0} open), {writer.Rows:N0} rows in {clock.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    private static long WriteTicks;

    /// <summary>Where the secrets of the load clients' API keys are kept beside the database (the app keeps only their hashes).</summary>
    public static string KeysFile(string databasePath) => databasePath + ".keys";

    /// <summary>
    /// The API key of each practice, by practice id: read from beside the database, or, for a database generated before
    /// the harness made keys, made now through the domain and EF as <c>/settings/api-keys</c> makes them.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> ApiKeysAsync(string databasePath)
    {
        if (!File.Exists(KeysFile(databasePath)))
        {
            await using var services = Services(databasePath);
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var managers = await db.Practices.Select(p => p.Id).ToListAsync();
            await SaveApiKeysAsync(db, databasePath, managers.Select(id => (id, new Actor("bench-manager", "Benchmark manager", StaffRole.PracticeManager))), DateTimeOffset.UtcNow);
        }

        return File.ReadAllLines(KeysFile(databasePath)).Select(l => l.Split('\t')).ToDictionary(f => Guid.Parse(f[0]), f => f[1]);
    }

    private static async Task SaveApiKeysAsync(AppDbContext db, string databasePath, IEnumerable<(Guid PracticeId, Actor Manager)> practices, DateTimeOffset now)
    {
        var lines = new List<string>();
        foreach (var (practiceId, manager) in practices)
        {
            var (key, secret) = ApiKey.Create(practiceId, "Load test bridge", ApiScopes.All, manager, now);
            db.ApiKeys.Add(key);
            lines.Add($"{practiceId}\t{secret}");
        }

        await db.SaveChangesAsync();
        await File.WriteAllLinesAsync(KeysFile(databasePath), lines);
    }

    public const string AdminEmail = "admin@bench.example";

    /// <summary>Brings a database generated earlier up to the app's current migrations (new indexes, for example).</summary>
    public static async Task MigrateAsync(string databasePath, TextWriter log)
    {
        await using var services = Services(databasePath);
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PracticeScope>().LiftForSystemWork();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count > 0)
        {
            var clock = Stopwatch.StartNew();
            await db.Database.MigrateAsync();
            log.WriteLine($"  applied {string.Join(", ", pending)} in {clock.Elapsed.TotalSeconds:F1} s");
        }
    }

    private static ServiceProvider Services(string databasePath)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:ServiceRecovery"] = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddServiceRecoveryData(configuration, Path.GetDirectoryName(databasePath)!);
        services.AddIdentityCore<ApplicationUser>(o => o.Password.RequiredLength = 12)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>();
        return services.BuildServiceProvider();
    }

    /// <summary>One practice's cases in the order they were opened, in transactions of a few thousand cases.</summary>
    private static int WritePractice(BulkWriter writer, Practice practice, Actor frontDesk, Actor manager, List<Improvement> improvements,
        LetterTemplateVersion complaintLetter, int count, DateTimeOffset start, DateTimeOffset now, TextWriter log)
    {
        var random = new Random(20261123 + (practice.Slug.Length * 7919) + count);
        // Complaints draw from their own sequence, so the rest of the data is the same with or without them.
        var complaints = new Random(20261202 + (practice.Slug.Length * 7919) + count);
        var calendar = practice.Calendar;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(practice.TimeZoneId);
        var span = (now - start).TotalMinutes;
        var patients = new List<Patient>(4096);
        var numbers = new Dictionary<int, int>();
        var open = 0;
        var patientNumber = 0;
        var appointments = new AppointmentIds(practice.Id);
        // Bookings today or tomorrow for about 15 patients of the last year's cases (welcome back), whatever the size.
        var welcomeShare = Math.Min(1.0, 15.0 / Math.Max(1, count / (double)Years));
        var stages = practice.Stages.ToList();
        var categories = practice.Categories.ToList();
        writer.Begin();
        for (var i = 0; i < count; i++)
        {
            // Evenly spread with a little jitter, in order, so references count up with time as the app's do.
            var openedAt = start.AddMinutes(span * (i + random.NextDouble()) / count);
            if (openedAt > now)
            {
                openedAt = now;
            }

            Patient patient;
            if (patients.Count > 50 && random.NextDouble() < 0.12)
            {
                patient = patients[random.Next(patients.Count)];
            }
            else
            {
                patient = NewPatient(practice.Id, PatientPhone.RegionOf(practice.Culture), random, openedAt, $"PMS-{++patientNumber:D7}");
                writer.Insert(patient);
                WriteVisits(writer, appointments, patient, zone, random, start, now);
                if (patients.Count < 4096)
                {
                    patients.Add(patient);
                }
                else
                {
                    patients[random.Next(patients.Count)] = patient;
                }
            }

            var story = Stories[random.Next(Stories.Length)];
            var category = random.NextDouble() < 0.1 ? null : categories[story.Category % categories.Count];
            var defect = ServiceDefect.Log(practice.Id, patient.Id, stages[story.Stage % stages.Count], category,
                (Severity)Pick(random, 40, 35, 20, 5), (DefectChannel)Pick(random, 45, 25, 8, 3, 6, 4, 3, 6),
                openedAt.AddMinutes(-random.Next(0, 120)), story.Text, frontDesk, openedAt);
            var year = TimeZoneInfo.ConvertTime(openedAt, zone).Year;
            numbers[year] = numbers.GetValueOrDefault(year) + 1;
            var recoveryCase = RecoveryCase.Open(practice, new CaseReference(year, numbers[year]), defect, frontDesk, openedAt);
            if (complaints.Next(ComplaintEvery) == 0)
            {
                Complain(recoveryCase, practice, calendar, frontDesk, manager, complaintLetter, complaints, now);
            }

            var available = improvements.Where(x => x.CreatedAt <= openedAt).TakeLast(6).ToList();
            Progress(recoveryCase, practice, frontDesk, manager, available.Count > 0 ? available : improvements.Take(1).ToList(), random, now);
            if (recoveryCase.Status == CaseStatus.Open)
            {
                open++;
            }

            var w0 = Stopwatch.GetTimestamp();
            writer.Insert(defect);
            writer.Insert(recoveryCase);
            WriteRecords(writer, recoveryCase);
            WriteCaseVisits(writer, appointments, patient, defect.OccurredAt, zone, random, now, welcomeShare);
            WriteTicks += Stopwatch.GetTimestamp() - w0;
            if (i % 5000 == 4999)
            {
                writer.Commit();
                writer.Begin();
            }

            if (i % 100_000 == 99_999)
            {
                log.WriteLine($"  {practice.Name}: {i + 1:N0} cases");
            }
        }

        writer.Commit();
        return open;
    }

    private static void WriteRecords(BulkWriter writer, RecoveryCase c)
    {
        foreach (var r in c.Apologies) { writer.Insert(r); }
        foreach (var r in c.Fixes) { writer.Insert(r); }
        foreach (var r in c.Contacts) { writer.Insert(r); }
        foreach (var r in c.Gestures) { writer.Insert(r); }
        foreach (var r in c.ImprovementLinks) { writer.Insert(r); }
        foreach (var r in c.Lessons) { writer.Insert(r); }
        foreach (var r in c.FollowUps) { writer.Insert(r); }
        foreach (var r in c.Returns) { writer.Insert(r); }
        foreach (var r in c.Skips) { writer.Insert(r); }
        foreach (var r in c.Letters) { writer.Insert(r); }
        if (c.Complaint is { } complaint)
        {
            writer.Insert(complaint, c.Id);
            foreach (var p in complaint.Pauses) { writer.Insert(p, c.Id); }
        }

        foreach (var e in c.Timeline) { writer.Insert(e); }
    }

    /// <summary>The PMS's appointment ids of one practice, counting up.</summary>
    private sealed class AppointmentIds(Guid practiceId)
    {
        private int next;

        public Guid PracticeId { get; } = practiceId;

        public string Next() => $"APT-{++next:D8}";
    }

    /// <summary>
    /// A patient's visits over the five years, as the PMS would send them: about five (three to eight) anywhere from the
    /// start to two weeks ahead, each at a quarter hour of the practice's working day; past ones mostly attended
    /// (80 % attended, 7 % cancelled, 5 % no-show, 8 % rescheduled), future ones booked.
    /// </summary>
    private static void WriteVisits(BulkWriter writer, AppointmentIds ids, Patient patient, TimeZoneInfo zone, Random random, DateTimeOffset start, DateTimeOffset now)
    {
        var days = (now - start).TotalDays + 14;
        var visits = random.Next(3, 9);
        for (var v = 0; v < visits; v++)
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start.AddDays(random.NextDouble() * days), zone).DateTime);
            WriteVisit(writer, ids, patient, VisitAt(day, zone, random), null, random, now);
        }
    }

    /// <summary>
    /// After a defect, 60 % of patients come back within two weeks to seven months (an attended visit); patients of the
    /// last year's cases are sometimes booked today or tomorrow, so the welcome-back list and the board's panel have rows.
    /// </summary>
    private static void WriteCaseVisits(BulkWriter writer, AppointmentIds ids, Patient patient, DateTimeOffset occurredAt, TimeZoneInfo zone, Random random,
        DateTimeOffset now, double welcomeShare)
    {
        if (random.NextDouble() < 0.6)
        {
            var back = occurredAt.AddDays(random.Next(14, 210));
            if (back <= now)
            {
                var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(back, zone).DateTime);
                WriteVisit(writer, ids, patient, VisitAt(day, zone, random), AppointmentStatus.Attended, random, now);
            }
        }

        if (occurredAt > now.AddDays(-365) && random.NextDouble() < welcomeShare)
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
            WriteVisit(writer, ids, patient, VisitAt(today.AddDays(random.Next(0, 2)), zone, random), AppointmentStatus.Booked, random, now);
        }
    }

    private static void WriteVisit(BulkWriter writer, AppointmentIds ids, Patient patient, DateTimeOffset startsAt, AppointmentStatus? status, Random random, DateTimeOffset now)
    {
        if (startsAt > now.AddMinutes(1) && status != AppointmentStatus.Booked)
        {
            status = AppointmentStatus.Booked;
        }

        status ??= (AppointmentStatus)(Pick(random, 80, 7, 5, 8) + 1);
        // The PMS tells of a past visit soon after it, of a booking when it is made.
        var received = startsAt <= now ? (startsAt.AddHours(2) < now ? startsAt.AddHours(2) : now) : now;
        if (status == AppointmentStatus.Booked && startsAt <= now)
        {
            received = startsAt.AddDays(-7);
        }

        writer.Insert(Appointment.Record(ids.PracticeId, ids.Next(), patient.Id, startsAt, status.Value, AppointmentSource.Api, received));
    }

    /// <summary>A quarter hour between 8:00 and 17:00 of a practice-local day.</summary>
    private static DateTimeOffset VisitAt(DateOnly day, TimeZoneInfo zone, Random random)
    {
        var local = day.ToDateTime(new TimeOnly(8, 0)).AddMinutes(15 * random.Next(0, 36));
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    private static Patient NewPatient(Guid practiceId, string phoneRegion, Random random, DateTimeOffset at, string pmsId)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        // 0410 to 0439: mobile ranges in use, so every generated number is a valid one.
        // A mobile number of the practice's country: 04xx xxx xxx in Australia, 021 xxx xxxx in New Zealand.
        var phone = phoneRegion == "NZ"
            ? $"021 {random.Next(100, 999)} {random.Next(1000, 9999)}"
            : $"04{random.Next(10, 40)} {random.Next(100, 999)} {random.Next(100, 999)}";
        var email = random.NextDouble() < 0.7 ? $"{first}.{last}{random.Next(1, 999)}@example.com".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal) : null;
        return Patient.Create(practiceId, $"{first} {last}", phone, email, pmsId, at, phoneRegion);
    }

    /// <summary>Walks a case forward as a practice would, stopping at whatever has happened by now (as the demo seed does).</summary>
    private static void Progress(RecoveryCase c, Practice practice, Actor frontDesk, Actor manager, List<Improvement> improvements, Random random, DateTimeOffset now)
    {
        var t = c.OpenedAt;
        bool Reached(double minutes)
        {
            t = t.AddMinutes(minutes);
            return t <= now;
        }

        if (random.NextDouble() < 0.04 && Reached(random.Next(30, 600)))
        {
            c.Withdraw(manager, "Logged twice: the same visit is on another case.", t);
            return;
        }

        if (!Reached(random.NextDouble() < 0.8 ? random.Next(2, 50) : random.Next(60, 300)))
        {
            return;
        }

        c.RecordApology(frontDesk, frontDesk.Name, (ApologyMethod)Pick(random, 55, 35, 3, 7), t, t);
        if (random.NextDouble() < 0.15)
        {
            c.GiveGesture(frontDesk, GestureKind.Discount, 20 + random.Next(0, 6) * 5, "Given with the apology", practice.GestureLimits, t);
        }

        if (!Reached(random.Next(60, 1200)))
        {
            return;
        }

        c.RecordFix(frontDesk, "Rebooked at a time that suits the patient and confirmed by text.", t);
        if (!Reached(random.Next(120, 2400)))
        {
            return;
        }

        c.RecordContact(frontDesk, (ContactMethod)Pick(random, 60, 10, 15, 10, 5), t, "Called to check everything was put right; patient appreciated the call.", t);
        if (!Reached(random.Next(60, 2400)))
        {
            return;
        }

        if (c.Steps.Victory.IsSettled)
        {
            // Already given with the apology.
        }
        else if (random.NextDouble() < 0.2)
        {
            c.Skip(ServiceStep.Victory, "No gesture appropriate: the patient declined.", frontDesk, t);
        }
        else
        {
            var large = random.NextDouble() < 0.2;
            var gesture = c.GiveGesture(frontDesk, (GestureKind)Pick(random, 20, 35, 20, 20, 5),
                large ? 150 + random.Next(0, 10) * 25 : 15 + random.Next(0, 14) * 5, null, practice.GestureLimits, t);
            if (gesture.State == GestureState.PendingApproval && Reached(random.Next(60, 1440)))
            {
                if (random.NextDouble() < 0.85)
                {
                    c.ApproveGesture(gesture.Id, manager, t);
                }
                else
                {
                    c.DeclineGesture(gesture.Id, manager, "A complimentary clean suits better than a refund here.", t);
                    c.GiveGesture(manager, GestureKind.ComplimentaryService, 120, "Complimentary clean instead", practice.GestureLimits, t);
                }
            }
        }

        if (!Reached(random.Next(1440, 10000)))
        {
            return;
        }

        c.LinkImprovement(improvements[random.Next(improvements.Count)], manager, t);
        if (!Reached(random.Next(60, 4000)))
        {
            return;
        }

        c.RecordLesson(manager, Lessons[random.Next(Lessons.Length)], t);
        if (!Reached(random.Next(600, 6000)))
        {
            return;
        }

        c.MarkLessonsShared(manager, practice.Locale.DateAt(t), practice.Locale, t);
        if (!Reached(random.Next(1440, 20000)))
        {
            return;
        }

        c.PlanFollowUp(frontDesk, practice.Locale.DateAt(t).AddDays(random.Next(7, 30)), (FollowUpMethod)Pick(random, 60, 15, 5, 15, 5), practice.Locale, t);
        if (!Reached(random.Next(10000, 50000)))
        {
            return;
        }

        c.RecordFollowUpOutcome(c.FollowUps[0].Id, frontDesk, "Patient happy with how it was handled.", t);
        if (random.NextDouble() < 0.15)
        {
            c.Skip(ServiceStep.ExtendOutcome, "Patient moved interstate; no return expected.", manager, t);
        }
        else
        {
            c.RecordReturn(frontDesk, practice.Locale.DateAt(t), "Six-monthly check-up and clean", practice.Locale, t);
        }

        if (c.Status == CaseStatus.Resolved && Reached(random.Next(1440, 20000)) && random.NextDouble() < 0.8)
        {
            c.Close(manager, t);
        }
    }

    /// <summary>
    /// The patient makes a formal complaint about the defect, received the day it happened or within the week, and the
    /// practice handles it through the domain as staff would: marked (the practice's rules kept on it), a tenth paused
    /// while the practice waits for the patient, acknowledged and answered by letter (most within the clock's time, some
    /// late), then a manager records the outcome (upheld 30 %, partly 30 %, not 40 %; about 8 % go to the escalation
    /// body). Each step happens only if its day has come, so the latest complaints have clocks still running. The case's
    /// kept clock columns are the domain's own (<c>RecoveryCase.ComplaintChanged</c>).
    /// </summary>
    private static void Complain(RecoveryCase c, Practice practice, WorkingCalendar calendar, Actor frontDesk, Actor manager,
        LetterTemplateVersion letter, Random random, DateTimeOffset now)
    {
        var locale = practice.Locale;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(practice.TimeZoneId);
        var today = locale.DateAt(now);
        DateTimeOffset At(DateOnly day, DateTimeOffset notBefore)
        {
            var local = day.ToDateTime(new TimeOnly(9, 0)).AddMinutes(random.Next(0, 8 * 60));
            var at = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
            return at < notBefore ? notBefore.AddMinutes(1) : at;
        }

        var received = locale.DateAt(c.Defect.OccurredAt).AddDays(random.NextDouble() < 0.6 ? 0 : random.Next(1, 8));
        var t = At(received, c.OpenedAt);
        if (t > now || locale.DateAt(t) != received)
        {
            return;
        }

        c.MarkFormalComplaint(frontDesk, received, (ComplaintChannel)Pick(random, 30, 35, 30, 5), "The patient asked for a formal reply.", practice, t);
        var complaint = c.Complaint!;

        // Acknowledged: 85 % by the due day, the rest a few days late.
        var acknowledgeDue = complaint.Clock.Acknowledge(calendar)!.Due;
        var acknowledged = random.NextDouble() < 0.85
            ? received.AddDays(random.Next(0, acknowledgeDue.DayNumber - received.DayNumber + 1))
            : acknowledgeDue.AddDays(random.Next(1, 8));
        if (!Step(acknowledged, out t))
        {
            return;
        }

        c.RecordLetter(frontDesk, LetterPurpose.ComplaintAcknowledgement, LetterChannel.Letter, letter, "Your complaint", "We have received your complaint.", null, t, practice);

        // A tenth wait for the patient (records, an answer) for one to three weeks.
        var from = acknowledged.AddDays(random.Next(1, 5));
        if (random.NextDouble() < 0.1 && Step(from, out t))
        {
            c.PauseComplaintClock(manager, from, "Waiting for the patient's reply", practice, t);
            var resumed = from.AddDays(random.Next(7, 22));
            if (!Step(resumed, out t))
            {
                return;
            }

            c.ResumeComplaintClock(manager, resumed, practice, t);
        }

        // Answered: 85 % by the due day (after any pause), the rest up to a month late.
        var respondDue = complaint.Clock.Respond(calendar)!.Due;
        var earliest = complaint.Pauses.Count > 0 ? complaint.Pauses[^1].ResumedOn!.Value : acknowledged;
        var responded = random.NextDouble() < 0.85 && respondDue >= earliest
            ? earliest.AddDays(random.Next(0, Math.Min(respondDue.DayNumber - earliest.DayNumber, 40) + 1))
            : (respondDue > earliest ? respondDue : earliest).AddDays(random.Next(1, 31));
        if (!Step(responded, out t))
        {
            return;
        }

        c.RecordLetter(manager, LetterPurpose.ComplaintResponse, LetterChannel.Letter, letter, "Our response to your complaint", "We have looked into your complaint.", null, t, practice);

        var decided = responded.AddDays(random.Next(1, 11));
        var referred = random.NextDouble() < 0.08;
        var escalated = referred ? responded.AddDays(random.Next(7, 60)) : (DateOnly?)null;
        if (!Step(escalated is { } e && e > decided ? e : decided, out t))
        {
            return;
        }

        c.RecordComplaintOutcome(manager, (ComplaintFinding)Pick(random, 30, 30, 40), referred, escalated, practice, t);

        bool Step(DateOnly day, out DateTimeOffset at)
        {
            at = At(day, t);
            return day <= today && at <= now;
        }
    }

    /// <summary>An enum value (1-based) picked with the given weights.</summary>
    private static int Pick(Random random, params int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i + 1;
            }
        }

        return weights.Length;
    }

    private static List<(string Name, string Sql)> Indexes(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN " +
                              "('Patients', 'ServiceDefects', 'RecoveryCases', 'TimelineEvents', 'Apologies', 'Fixes', 'PersonalContacts', 'Gestures', " +
                              "'ImprovementLinks', 'Lessons', 'FollowUps', 'PatientReturns', 'StepSkips', 'Appointments', 'PatientLetters', " +
                              "'FormalComplaints', 'ComplaintPauses')";
        using var reader = command.ExecuteReader();
        var indexes = new List<(string, string)>();
        while (reader.Read())
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return indexes;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static readonly string[] FirstNames = ["Olivia", "Jack", "Charlotte", "William", "Amelia", "Noah", "Isla", "Thomas", "Mia", "Oliver", "Grace", "Lucas", "Ava", "Henry", "Zoe", "Liam", "Ruby", "Leo", "Chloe", "Ethan", "Priya", "Wei", "Fatima", "Mateo", "Aroha", "Kenji", "Siobhan", "Dimitri"];
    private static readonly string[] LastNames = ["Smith", "Nguyen", "Williams", "Brown", "Wilson", "Taylor", "Kaur", "Martin", "Anderson", "Thompson", "Papadopoulos", "Walker", "O'Brien", "Singh", "Rossi", "Tanaka", "Kelly", "Murphy", "Li", "Campbell"];

    private static readonly string[] Ideas =
    [
        "Call-back within two hours", "Tell waiting patients at 15 minutes", "Lab work checked two days before", "Quote before any extra item",
        "Private billing conversations", "Post-op call the next morning", "Address check at every visit", "Waiting-room comfort round",
    ];

    private static readonly string[] Lessons =
    [
        "Patients forgive a delay when we tell them early; silence is what they complain about.",
        "A quote given before the work saves an awkward conversation at the desk.",
        "The call-back we promise is the call-back they remember.",
        "Check the lab list the day before, every day.",
        "Money conversations belong somewhere private.",
    ];

    private static readonly (int Stage, int Category, string Text)[] Stories =
    [
        (0, 1, "I rang three times about my appointment and nobody called back."),
        (0, 2, "The person on the phone was short with me and hung up before I'd finished."),
        (1, 3, "My appointment was moved without anyone telling me; I took the morning off work for nothing."),
        (1, 3, "The reminder text had the wrong date, so I arrived a day early."),
        (2, 2, "Nobody looked up when I arrived; I stood at the desk for five minutes."),
        (2, 1, "Reception didn't have my new address even though I updated it last visit."),
        (3, 0, "I waited 40 minutes past my appointment time with no explanation."),
        (3, 6, "The waiting room was cold and the water cooler was empty."),
        (3, 0, "My child's appointment ran an hour late and we missed school pick-up."),
        (4, 5, "The numbing hadn't worked properly and I felt rushed when I said so."),
        (4, 1, "Nobody explained what the extra x-ray was for or what it would cost."),
        (4, 7, "My crown wasn't back from the lab, but nobody told me until I was in the chair."),
        (5, 4, "I was charged for a clean I didn't have."),
        (5, 4, "The health fund gap was much higher than the quote I was given."),
        (5, 2, "I was asked for payment loudly in front of other patients."),
        (6, 1, "Nobody called after my extraction like they said they would."),
        (6, 7, "My post-op instructions were for a different procedure."),
        (7, 3, "I never got a recall reminder and now it's been two years."),
        (7, 1, "The recall letter went to my old address again."),
        (2, 6, "There was nowhere to park the pram and the door is hard to open."),
    ];
}
