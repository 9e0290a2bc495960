using System.Security.Cryptography;

namespace ServiceRecovery.Web.Seeding;

/// <summary>
/// Fills an empty development database with Harbourside Dental: the default stages and categories, one
/// account per role, and about 200 realistic cases over the last six months at every step and status.
/// </summary>
public sealed class DemoSeeder(IServiceProvider services, AppDbContext db, TimeProvider clock)
{
    public const int CaseCount = 200;

    private static readonly string[] FirstNames = ["Olivia", "Jack", "Charlotte", "William", "Amelia", "Noah", "Isla", "Thomas", "Mia", "Oliver", "Grace", "Lucas", "Ava", "Henry", "Zoe", "Liam", "Ruby", "Leo", "Chloe", "Ethan", "Priya", "Wei", "Fatima", "Mateo", "Aroha", "Kenji", "Siobhan", "Dimitri"];
    private static readonly string[] LastNames = ["Smith", "Nguyen", "Williams", "Brown", "Wilson", "Taylor", "Kaur", "Martin", "Anderson", "Thompson", "Papadopoulos", "Walker", "O'Brien", "Singh", "Rossi", "Tanaka", "Kelly", "Murphy", "Li", "Campbell"];

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

    private static readonly (string Title, string Description)[] ImprovementIdeas =
    [
        ("Call-back within two hours", "Every missed call logged and returned within two hours; the front desk checks the log at 11 and 3."),
        ("Tell waiting patients at 15 minutes", "If the clinician runs 15 minutes late, reception tells every waiting patient and offers to rebook."),
        ("Lab work checked two days before", "The day-before-yesterday list includes lab work due; chase the lab before the patient comes in."),
        ("Quote before any extra item", "Chairside staff give a written quote before adding an item not on the treatment plan."),
        ("Private billing conversations", "Payment questions are discussed at the side desk, not across the reception counter."),
        ("Post-op call the next morning", "Every extraction and surgical patient gets a call the next morning, logged in the diary."),
        ("Address check at every visit", "Reception confirms address and mobile at check-in, not only at the first visit."),
        ("Waiting-room comfort round", "Hourly check of temperature, water and magazines by the second receptionist."),
    ];

    private static readonly string[] Lessons =
    [
        "Patients forgive a delay when we tell them early; silence is what they complain about.",
        "A quote given before the work saves an awkward conversation at the desk.",
        "The call-back we promise is the call-back they remember.",
        "Check the lab list the day before, every day.",
        "Money conversations belong somewhere private.",
    ];

    public async Task SeedAsync(string? configuredPassword)
    {
        var now = clock.GetUtcNow();
        var practice = Practice.CreateWithDefaults("Harbourside Dental", "harbourside", "Australia/Sydney", "en-AU", "AUD");
        db.Practices.Add(practice);
        await db.SaveChangesAsync();

        var accounts = new (string Email, string Name, string Role)[]
        {
            ("frontdesk@harbourside.example", "Mia Chen", Roles.FrontDesk),
            ("manager@harbourside.example", "Sam Patel", Roles.PracticeManager),
            ("admin@harbourside.example", "Alex Morgan", Roles.Administrator),
        };
        var actors = new List<Actor>();
        var printed = new List<string>();
        foreach (var (email, name, role) in accounts)
        {
            var password = string.IsNullOrEmpty(configuredPassword) ? NewPassword() : configuredPassword;
            var user = await IdentitySeed.CreateStaffAsync(services, email, name, role, password, now, practice.Id);
            actors.Add(new Actor(user.Id, name, Enum.Parse<StaffRole>(role)));
            printed.Add($"  {role,-16} {email,-32} {password}");
        }

        var patients = SeedCases(practice, actors[0], actors[1], now);
        SeedAppointments(practice, patients, now);
        SeedSurveys(now);
        // The demo is a practice in full swing: its getting-started checklist starts dismissed.
        db.ChecklistMarks.Add(ChecklistMark.Record(practice.Id, ChecklistMarkKind.Dismissed, actors[1], now));
        await db.SaveChangesAsync();

        // Printed once, to the console only (never to the log files): the database keeps just the hashes.
        Console.WriteLine();
        Console.WriteLine("Demo data created for Harbourside Dental. Sign in with one of these accounts:");
        printed.ForEach(Console.WriteLine);
        Console.WriteLine("These passwords are shown only now. To start again, stop the app and delete the data folder.");
        Console.WriteLine();
    }

    private List<Patient> SeedCases(Practice practice, Actor frontDesk, Actor manager, DateTimeOffset now)
    {
        var random = new Random(20261123);
        var improvements = ImprovementIdeas
            .Select(i => Improvement.Propose(practice.Id, i.Title, i.Description, manager.UserId, manager.Name, DateOnly.FromDateTime(now.UtcDateTime.AddDays(random.Next(-30, 45))), practice.Locale, now.AddDays(-170)))
            .ToList();
        improvements.Take(4).ToList().ForEach(i => i.MoveTo(ImprovementStatus.Done, manager, now.AddDays(-30)));
        improvements.Skip(4).Take(2).ToList().ForEach(i => i.MoveTo(ImprovementStatus.InProgress, manager, now.AddDays(-30)));
        db.Improvements.AddRange(improvements);

        var patients = new List<Patient>();
        var openedTimes = Enumerable.Range(0, CaseCount)
            .Select(_ => now.AddMinutes(-Math.Pow(random.NextDouble(), 1.6) * 180 * 24 * 60))
            .OrderBy(t => t)
            .ToList();
        var numbers = new Dictionary<int, int>();
        foreach (var openedAt in openedTimes)
        {
            var patient = patients.Count > 20 && random.NextDouble() < 0.12
                ? patients[random.Next(patients.Count)]
                : NewPatient(practice.Id, PatientPhone.RegionOf(practice.Culture), random, openedAt, patients);
            var story = Stories[random.Next(Stories.Length)];
            var severity = (Severity)Pick(random, 40, 35, 20, 5);
            var channel = (DefectChannel)Pick(random, 45, 25, 8, 3, 6, 4, 3, 6);
            var defect = ServiceDefect.Log(practice.Id, patient.Id, practice.Stages[story.Stage], practice.Categories[story.Category],
                severity, channel, openedAt.AddMinutes(-random.Next(0, 120)), story.Text, frontDesk, openedAt);
            var year = openedAt.ToOffset(TimeSpan.FromHours(10)).Year;
            numbers[year] = numbers.GetValueOrDefault(year) + 1;
            var recoveryCase = RecoveryCase.Open(practice, new CaseReference(year, numbers[year]), defect, frontDesk, openedAt);
            Progress(recoveryCase, practice, frontDesk, manager, improvements, random, now);
            db.Defects.Add(defect);
            db.Cases.Add(recoveryCase);
        }

        return patients;
    }

    /// <summary>
    /// The practice's PMS feed, as the appointments it would have sent: each patient's earlier visits (most attended), and
    /// the patients of the newest open or recently resolved cases booked today and tomorrow, so the home page's Welcome
    /// back panel, the board's and the behaviour report have something to show. Recorded as they arrive now, so no case changes.
    /// </summary>
    private void SeedAppointments(Practice practice, List<Patient> patients, DateTimeOffset now)
    {
        var random = new Random(20261201);
        var locale = practice.Locale;
        var today = locale.DateAt(now);
        var number = 0;
        void Book(Patient patient, DateTimeOffset startsAt, AppointmentStatus status) =>
            db.Appointments.Add(Appointment.Record(practice.Id, $"DEMO-{++number:00000}", patient.Id, startsAt, status, AppointmentSource.Api, now));
        DateTimeOffset At(DateOnly day, int hour, int minute) => locale.FromLocal(day.ToDateTime(new TimeOnly(hour, minute)));

        // Visits before the patient's first defect, so no open case has a return or a missed visit the feed did not record.
        var firstDefect = db.Defects.Local.Where(d => d.PatientId is not null)
            .GroupBy(d => d.PatientId!.Value).ToDictionary(g => g.Key, g => locale.DateAt(g.Min(d => d.OccurredAt)));
        foreach (var patient in patients)
        {
            var before = firstDefect.TryGetValue(patient.Id, out var first) ? first.AddDays(-1) : today.AddDays(-7);
            for (var visit = 0; visit < 2 + random.Next(3); visit++)
            {
                var day = before.AddDays(-random.Next(0, 720));
                var status = (AppointmentStatus)Pick(random, 0, 85, 7, 5, 3);
                Book(patient, At(day, 8 + random.Next(9), 15 * random.Next(4)), status);
            }
        }

        // A typed return is a visit the PMS knows of too: the same day, attended.
        foreach (var returned in db.Cases.Local.Where(c => c.FirstReturnOn is not null && c.Defect.PatientId is not null).ToList())
        {
            var visitAt = At(returned.FirstReturnOn!.Value, 9, 0);
            if (visitAt < now)
            {
                Book(patients.Single(p => p.Id == returned.Defect.PatientId), visitAt, AppointmentStatus.Attended);
            }
        }

        var resolvedSince = now.AddMonths(-12);
        var welcome = db.Cases.Local
            .Where(c => c.Status == CaseStatus.Open || (c.Status == CaseStatus.Resolved && c.ResolvedAt >= resolvedSince))
            .OrderByDescending(c => c.OpenedAt)
            .Select(c => c.Defect.PatientId)
            .Distinct()
            .Take(5)
            .ToList()
            .Select(id => patients.Single(p => p.Id == id))
            .ToList();
        (int Days, int Hour, int Minute)[] slots = [(0, 11, 0), (0, 15, 30), (1, 9, 15), (1, 10, 30), (1, 14, 0)];
        foreach (var (patient, slot) in welcome.Zip(slots))
        {
            Book(patient, At(today.AddDays(slot.Days), slot.Hour, slot.Minute), AppointmentStatus.Booked);
        }
    }

    private Patient NewPatient(Guid practiceId, string phoneRegion, Random random, DateTimeOffset at, List<Patient> patients)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        // 0410 to 0439: mobile ranges in use, so every generated number is a valid one.
        var phone = $"04{random.Next(10, 40)} {random.Next(100, 999)} {random.Next(100, 999)}";
        var email = random.NextDouble() < 0.7 ? $"{first}.{last}{random.Next(1, 99)}@example.com".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal) : null;
        var patient = Patient.Create(practiceId, $"{first} {last}", phone, email, random.NextDouble() < 0.5 ? $"PMS-{random.Next(10000, 99999)}" : null, at, phoneRegion);
        patients.Add(patient);
        db.Patients.Add(patient);
        return patient;
    }

    /// <summary>Walks a case forward as a real practice would, stopping at whatever has happened by now.</summary>
    private static void Progress(RecoveryCase c, Practice practice, Actor frontDesk, Actor manager, List<Improvement> improvements, Random random, DateTimeOffset now)
    {
        var t = c.OpenedAt;
        bool Reached(double minutes)
        {
            t = t.AddMinutes(minutes);
            return t <= now;
        }

        if (random.NextDouble() < 0.05 && Reached(random.Next(30, 600)))
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

        c.PlanFollowUp(frontDesk, practice.Locale.DateAt(t).AddDays(random.Next(7, 30)), FollowUpMethod.Call, practice.Locale, t);
        if (!Reached(random.Next(10000, 80000)))
        {
            return;
        }

        if (random.NextDouble() < 0.15)
        {
            c.Skip(ServiceStep.ExtendOutcome, "Patient moved interstate; no return expected.", manager, t);
        }
        else
        {
            c.RecordReturn(frontDesk, practice.Locale.DateAt(t), "Six-monthly check-up and clean", practice.Locale, t);
        }

        if (c.Status == CaseStatus.Resolved && Reached(random.Next(1440, 20000)) && random.NextDouble() < 0.7)
        {
            c.Close(manager, t);
        }
    }

    /// <summary>
    /// Recovery surveys of the newest resolved cases, sent an hour after each resolved, most answered a day or two later and
    /// one of them low, so the report's satisfaction figures and the case page have something to show.
    /// </summary>
    private void SeedSurveys(DateTimeOffset now)
    {
        (int Fair, int Easy, int Respect, int Recommend, string? Comment)?[] answers =
        [
            (5, 5, 5, 10, "Thank you for sorting it out so quickly."),
            (4, 4, 5, 9, null),
            (2, 3, 4, 5, "The refund took weeks to arrive."),
            (5, 4, 5, 9, "The phone call afterwards meant a lot."),
            (4, 5, 4, 8, null),
            (3, 3, 4, 7, null),
            null,
            (5, 5, 4, 10, null),
            null,
        ];
        var resolved = db.Cases.Local
            .Where(c => c.ResolvedAt < now.AddDays(-3) && c.Status is CaseStatus.Resolved or CaseStatus.Closed && c.Defect.PatientId is not null)
            .OrderByDescending(c => c.ResolvedAt)
            .Take(answers.Length)
            .ToList();
        for (var i = 0; i < resolved.Count; i++)
        {
            var c = resolved[i];
            var sentAt = c.ResolvedAt!.Value.AddHours(1);
            var survey = RecoverySurvey.Issue(c, c.Defect.PatientId!.Value, SecretToken.New(), sentAt);
            c.RecordSurveySent(survey, sentAt);
            if (answers[i] is { } a)
            {
                var answeredAt = sentAt.AddHours(20 + (i * 7));
                survey.Answer(a.Fair, a.Easy, a.Respect, a.Recommend, a.Comment, answeredAt);
                c.RecordSurveyAnswer(survey, answeredAt);
            }

            db.Surveys.Add(survey);
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

    private static string NewPassword() =>
        $"Demo-{Convert.ToHexString(RandomNumberGenerator.GetBytes(5))}-{RandomNumberGenerator.GetInt32(10, 99)}!";
}
