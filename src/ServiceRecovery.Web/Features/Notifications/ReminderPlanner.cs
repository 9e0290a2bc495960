using Microsoft.Extensions.Options;
using ServiceRecovery.Web.Email;
using ServiceRecovery.Web.Features.WelcomeBacks;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Notifications;

public sealed record ReminderReport(int Escalations, int Digests, int ComplaintReminders = 0);

/// <summary>
/// Decides which reminder email is due and writes it to the outbox, in the same transaction as the record of
/// having done so (the case's timeline for an escalation, the practice's digest run for a digest). Two app
/// instances planning at once cannot both succeed: unique keys make the second save fail, and it is dropped.
/// Any other failed save is an error: it is logged and tried again after a pause.
/// </summary>
public sealed class ReminderPlanner(
    AppDbContext db, TimeProvider clock, EmailLinks links, IOptions<EmailOptions> options, EmailHealth health, ILogger<ReminderPlanner> logger)
{
    /// <summary>Tries per practice and kind of reminder in one run; pauses of one second, doubling, between them.</summary>
    public const int SaveAttempts = 3;

    private static readonly Actor System = new("system", "ServiceRecovery reminders", StaffRole.Administrator);

    public async Task<ReminderReport> RunAsync(CancellationToken cancellationToken)
    {
        var failed = false;
        try
        {
            var now = clock.GetUtcNow();
            var practices = await db.Practices.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
            int escalations = 0, digests = 0, complaints = 0;
            foreach (var practice in practices)
            {
                var locale = new PracticeLocale(practice.TimeZoneId, practice.Culture, practice.Currency);
                if (practice.Reminders.EscalateOverdueApology)
                {
                    var (count, ok) = await SaveOnceAsync(() => EscalateAsync(practice, locale, now, cancellationToken), cancellationToken);
                    escalations += count;
                    failed |= !ok;
                }

                // The law's clocks: warned and escalated whatever the practice's reminder settings say.
                var (complaintCount, complaintOk) = await SaveOnceAsync(() => ComplaintRemindersAsync(practice, locale, now, cancellationToken), cancellationToken);
                complaints += complaintCount;
                failed |= !complaintOk;

                if (practice.Reminders.OwnersGetDigest || practice.Reminders.ManagersGetDigest)
                {
                    var (count, ok) = await SaveOnceAsync(() => PlanDigestAsync(practice, locale, now, cancellationToken), cancellationToken);
                    digests += count;
                    failed |= !ok;
                }
            }

            return new ReminderReport(escalations, digests, complaints);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            failed = true;
            throw;
        }
        finally
        {
            if (failed)
            {
                health.PlanFailed();
            }
            else if (!cancellationToken.IsCancellationRequested)
            {
                health.PlanSucceeded();
            }
        }
    }

    /// <summary>
    /// Saves what <paramref name="plan"/> added, or nothing if another instance saved the same first. Not ok
    /// when every attempt failed for another reason: the next run tries again.
    /// </summary>
    private async Task<(int Count, bool Ok)> SaveOnceAsync(Func<Task<int>> plan, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var count = await plan();
                if (db.ChangeTracker.HasChanges())
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                return (count, true);
            }
            catch (DbUpdateException exception) when (UniqueKeyViolation.Is(exception))
            {
                logger.LogInformation("Reminders already planned by another app instance; nothing more to do");
                return (0, true);
            }
            catch (DbUpdateException exception)
            {
                // Not a clash with another instance (a locked or full database, a dropped connection): say so, then try again.
                // The exception's type only: its message may quote the values being saved.
                var last = attempt == SaveAttempts;
                logger.LogError("Planning reminders failed ({ExceptionType}, attempt {Attempt} of {Attempts}); {Outcome}",
                    exception.InnerException?.GetType().Name ?? exception.GetType().Name, attempt, SaveAttempts, last ? "the next run tries again" : "trying again shortly");
                if (last)
                {
                    return (0, false);
                }
            }
            finally
            {
                db.ChangeTracker.Clear();
            }

            // Real time, not the app's clock: a pause for the database to recover, not a business time.
            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt - 1)), cancellationToken);
        }
    }

    private async Task<int> EscalateAsync(Practice practice, PracticeLocale locale, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now - TimeSpan.FromHours(options.Value.EscalationWindowHours);
        var cases = await db.Cases
            .Where(c => c.PracticeId == practice.Id && c.Status == CaseStatus.Open && c.Steps.SaySorry.SettledAt == null
                        && c.Steps.SaySorry.DueAt < now && c.Steps.SaySorry.DueAt > since
                        && !db.Timeline.Any(t => t.CaseId == c.Id && t.Kind == TimelineEventKind.ApologyEscalated))
            .OrderBy(c => c.Steps.SaySorry.DueAt)
            .Take(100)
            .ToListAsync(cancellationToken);
        if (cases.Count == 0)
        {
            return 0;
        }

        var staff = await StaffAsync(practice.Id, cancellationToken);
        var escalated = 0;
        foreach (var recoveryCase in cases)
        {
            var recipients = staff.Where(s => s.IsManager || s.UserId == recoveryCase.OwnerId).ToList();
            if (!recoveryCase.EscalateOverdueApology(System, recipients.Select(r => r.Name).ToList(), now))
            {
                continue;
            }

            var email = ReminderEmails.Escalation(practice.Name, recoveryCase.Reference, recoveryCase.Steps.SaySorry.DueAt, now, recoveryCase.OwnerName,
                links.Case(recoveryCase.Id), locale);
            foreach (var recipient in recipients)
            {
                db.Outbox.Add(OutboxMessage.Create(practice.Id, EmailKind.Escalation, $"escalation:{recoveryCase.Id:N}:{recipient.UserId}",
                    recipient.UserId, recipient.Email, email.Subject, email.Text, email.Html, now));
            }

            escalated++;
        }

        return escalated;
    }

    /// <summary>
    /// Formal complaints whose acknowledgement or response is due by the next working day or overdue, read from the due
    /// dates kept on the case row (indexed; null when recorded or paused): a warning on the warning day to the owner (or
    /// the managers when no one owns the case), an escalation from the first working day after the due date to the
    /// managers and the owner. Each once per case, clock, kind and due date (the outbox's key), with its timeline entry.
    /// </summary>
    private async Task<int> ComplaintRemindersAsync(Practice practice, PracticeLocale locale, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var calendar = practice.Calendar;
        var today = locale.DateAt(now);
        var horizon = calendar.AddWorkingDays(today, 1);
        var cases = await db.Cases
            .Where(c => c.PracticeId == practice.Id && c.Status != CaseStatus.Withdrawn
                        && (c.ComplaintAcknowledgeDue <= horizon || c.ComplaintRespondDue <= horizon))
            .OrderBy(c => c.ComplaintReceivedOn)
            .Take(100)
            .ToListAsync(cancellationToken);
        var owed = cases
            .SelectMany(c => new[] { ComplaintClockKind.Acknowledge, ComplaintClockKind.Respond }
                .Select(clock => c.ComplaintReminderOn(clock, today, calendar))
                .Where(r => r is not null)
                .Select(r => (Case: c, Reminder: r!)))
            .ToList();
        if (owed.Count == 0)
        {
            return 0;
        }

        var staff = await StaffAsync(practice.Id, cancellationToken);
        var planned = owed
            .Select(o => (o.Case, o.Reminder, Recipients: staff
                .Where(s => o.Reminder.Kind == ComplaintReminderKind.Escalation || o.Case.OwnerId is null ? s.IsManager || s.UserId == o.Case.OwnerId : s.UserId == o.Case.OwnerId)
                .ToList()))
            .Where(p => p.Recipients.Count > 0)
            .ToList();
        var keys = planned.SelectMany(p => p.Recipients.Select(r => p.Reminder.DedupKey(p.Case.Id, r.UserId))).ToList();
        var sent = (await db.Outbox.Where(m => m.PracticeId == practice.Id && keys.Contains(m.DedupKey)).Select(m => m.DedupKey).ToListAsync(cancellationToken)).ToHashSet();

        var count = 0;
        foreach (var (recoveryCase, reminder, recipients) in planned)
        {
            if (recipients.Any(r => sent.Contains(reminder.DedupKey(recoveryCase.Id, r.UserId)))
                || !recoveryCase.RecordComplaintReminder(System, reminder, recipients.Select(r => r.Name).ToList(), today, calendar, now))
            {
                continue;
            }

            var complaint = recoveryCase.Complaint!;
            var rule = reminder.Clock == ComplaintClockKind.Acknowledge ? complaint.Rules.Acknowledge : complaint.Rules.Respond;
            var email = ReminderEmails.ComplaintReminder(practice.Name, recoveryCase.Reference, reminder, today, rule.Words(), complaint.Profile?.Name,
                recoveryCase.OwnerName, links.Case(recoveryCase.Id), locale);
            var kind = reminder.Kind == ComplaintReminderKind.Warning ? EmailKind.ComplaintWarning : EmailKind.ComplaintEscalation;
            foreach (var recipient in recipients)
            {
                db.Outbox.Add(OutboxMessage.Create(practice.Id, kind, reminder.DedupKey(recoveryCase.Id, recipient.UserId),
                    recipient.UserId, recipient.Email, email.Subject, email.Text, email.Html, now));
            }

            count++;
        }

        return count;
    }

    private async Task<int> PlanDigestAsync(Practice practice, PracticeLocale locale, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (practice.Reminders.DigestDayAt(now, locale.Zone) is not { } day
            || await db.DigestRuns.AnyAsync(r => r.PracticeId == practice.Id && r.LocalDate == day, cancellationToken))
        {
            return 0;
        }

        var endOfDay = locale.FromLocal(day.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var open = await db.Cases.AsNoTracking()
            .Where(c => c.PracticeId == practice.Id && c.Status == CaseStatus.Open && c.NextDueAt < endOfDay)
            .OrderBy(c => c.NextDueAt)
            .ToListAsync(cancellationToken);
        var due = open
            .SelectMany(c => ServiceSteps.InOrder.Select(step => (Case: c, Step: step, Track: c.Steps[step])))
            .Where(x => !x.Track.IsSettled && x.Track.DueAt < endOfDay)
            .Select(x => (x.Case.OwnerId, Line: new ReminderEmails.StepLine(x.Case.Id, x.Case.Reference, x.Step, x.Track.DueAt, x.Track.DueAt < now)))
            .ToList();
        var overdueByCase = due.Where(d => d.Line.Overdue).GroupBy(d => d.Line.CaseId).Select(g => g.OrderBy(d => d.Line.DueAt).First().Line)
            .OrderBy(l => l.DueAt).ToList();
        var approvals = await (
                from g in db.Set<Gesture>()
                join c in db.Cases on g.CaseId equals c.Id
                where c.PracticeId == practice.Id && g.State == GestureState.PendingApproval
                      && (c.Status == CaseStatus.Open || c.Status == CaseStatus.Resolved)
                orderby g.RecordedAt
                select new ReminderEmails.ApprovalLine(c.Id, c.Reference, g.Amount, g.RecordedByName, g.RecordedAt))
            .ToListAsync(cancellationToken);

        var missed = practice.Reminders.OwnersGetDigest ? await MissedVisitsAsync(practice.Id, now, cancellationToken) : [];
        var welcomeBack = await WelcomeBackTodayAsync(practice, locale, now, cancellationToken);
        var complaintClocks = await ComplaintClocksAsync(practice, day, cancellationToken);

        var emails = 0;
        foreach (var person in await StaffAsync(practice.Id, cancellationToken))
        {
            if (person.OptedOut)
            {
                continue;
            }

            var own = practice.Reminders.OwnersGetDigest
                ? due.Where(d => d.OwnerId == person.UserId).Select(d => d.Line).OrderBy(l => l.DueAt).ToList()
                : [];
            var manager = practice.Reminders.ManagersGetDigest && person.IsManager && (overdueByCase.Count > 0 || approvals.Count > 0)
                ? new ReminderEmails.ManagerSection(overdueByCase.Take(ReminderEmails.MaxLines).ToList(), overdueByCase.Count, approvals)
                : null;
            var ownMissed = missed.Where(m => m.OwnerId == person.UserId).Select(m => m.Line).ToList();
            // The owner's formal complaints, and for a manager the ones no one owns yet.
            var clocks = complaintClocks
                .Where(c => (practice.Reminders.OwnersGetDigest && c.OwnerId == person.UserId)
                            || (practice.Reminders.ManagersGetDigest && person.IsManager && c.OwnerId is null))
                .Select(c => c.Line)
                .ToList();
            // Whoever is at the desk greets the patient, so today's welcome backs go to every member the digest reaches.
            if (own.Count == 0 && manager is null && ownMissed.Count == 0 && welcomeBack.Count == 0 && clocks.Count == 0)
            {
                continue;
            }

            var email = ReminderEmails.Digest(practice.Name, person.Name, day, own, manager, links, locale, now, ownMissed, welcomeBack, clocks);
            db.Outbox.Add(OutboxMessage.Create(practice.Id, EmailKind.Digest, $"digest:{practice.Id:N}:{day:yyyy-MM-dd}:{person.UserId}",
                person.UserId, person.Email, email.Subject, email.Text, email.Html, now));
            emails++;
        }

        // Recorded even when no one had anything to hear about: the day's digest has been decided.
        db.DigestRuns.Add(new DigestRun(practice.Id, day, emails, now));
        return emails;
    }

    /// <summary>
    /// The formal complaint clocks of the practice that are overdue, due on <paramref name="day"/> or due on the next working
    /// day (the day before is the warning day), in one query of the due dates kept on the case rows (indexed with the practice;
    /// null once recorded or while paused, so a paused or finished clock is never listed). Reference and clock only.
    /// </summary>
    private async Task<List<(string? OwnerId, ReminderEmails.ComplaintClockLine Line)>> ComplaintClocksAsync(
        Practice practice, DateOnly day, CancellationToken cancellationToken)
    {
        var horizon = practice.Calendar.AddWorkingDays(day, 1);
        var rows = await db.Cases.AsNoTracking()
            .Where(c => c.PracticeId == practice.Id && c.Status != CaseStatus.Withdrawn
                        && (c.ComplaintAcknowledgeDue <= horizon || c.ComplaintRespondDue <= horizon))
            .Select(c => new { c.Id, c.Reference, c.OwnerId, c.ComplaintAcknowledgeDue, c.ComplaintRespondDue })
            .ToListAsync(cancellationToken);
        return rows
            .SelectMany(r => new[] { (Clock: ComplaintClockKind.Acknowledge, Due: r.ComplaintAcknowledgeDue), (Clock: ComplaintClockKind.Respond, Due: r.ComplaintRespondDue) }
                .Where(x => x.Due <= horizon)
                .Select(x => ((string?)r.OwnerId, new ReminderEmails.ComplaintClockLine(r.Id, r.Reference, x.Clock, x.Due!.Value, day))))
            .OrderBy(x => x.Item2.Due).ThenBy(x => x.Item2.Reference, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Cancellations and no-shows after the defect of an open case's patient that the PMS told us of since the practice's
    /// last digest (a day, for its first), so each reaches the case owner once. The miss is <see cref="Appointment.IsMissed"/>,
    /// spelt out for the database.
    /// </summary>
    private async Task<List<(string? OwnerId, ReminderEmails.MissedLine Line)>> MissedVisitsAsync(Guid practiceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = await db.DigestRuns.Where(r => r.PracticeId == practiceId).OrderByDescending(r => r.LocalDate)
            .Select(r => (DateTimeOffset?)r.RanAt).FirstOrDefaultAsync(cancellationToken) ?? now.AddDays(-1);
        var rows = await (
                from a in db.Appointments
                join d in db.Defects on (Guid?)a.PatientId equals d.PatientId
                join c in db.Cases on d.Id equals c.DefectId
                where a.PracticeId == practiceId && c.PracticeId == practiceId && c.Status == CaseStatus.Open && c.OwnerId != null
                      && a.StartsAt > c.DefectOccurredAt && a.UpdatedAt > since && a.UpdatedAt <= now
                      && (a.Status == AppointmentStatus.Cancelled || a.Status == AppointmentStatus.NoShow)
                orderby a.StartsAt
                select new { c.OwnerId, c.Id, c.Reference, a.StartsAt, a.Status })
            .Take(ReminderEmails.MaxLines * 10)
            .ToListAsync(cancellationToken);
        return rows.Select(r => ((string?)r.OwnerId, new ReminderEmails.MissedLine(r.Id, r.Reference, r.StartsAt, r.Status))).ToList();
    }

    /// <summary>Today's welcome backs at the practice (the rule of <see cref="WelcomeBackVisits"/>): reference, time, stage, gesture.</summary>
    private async Task<List<ReminderEmails.WelcomeBackLine>> WelcomeBackTodayAsync(
        Practice practice, PracticeLocale locale, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (today, tomorrow, _) = WelcomeBackVisits.Days(locale, now);
        var visits = await WelcomeBackVisits.FindAsync(
            db.Appointments.AsNoTracking().Where(a => a.PracticeId == practice.Id), db.Cases.AsNoTracking().Where(c => c.PracticeId == practice.Id),
            today, tomorrow, now, cancellationToken);
        if (visits.Count == 0)
        {
            return [];
        }

        var stageIds = visits.Where(v => v.StageId is not null).Select(v => v.StageId!.Value).Distinct().ToList();
        var stages = await db.Stages.AsNoTracking().Where(s => stageIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return visits.Select(v => new ReminderEmails.WelcomeBackLine(v.CaseId, v.Reference, v.StartsAt,
                v.StageId is { } id && stages.TryGetValue(id, out var stage) ? stage : ServiceDefect.StageNotSure,
                WelcomeBackVisits.SuggestedGesture(v.PlannedGesture, practice.WelcomeGestures)))
            .ToList();
    }

    private sealed record StaffMember(string UserId, string Name, string Email, bool IsManager, bool OptedOut);

    /// <summary>Active staff of the practice with an email address; managers are practice managers and administrators.</summary>
    private async Task<List<StaffMember>> StaffAsync(Guid practiceId, CancellationToken cancellationToken)
    {
        // A manager of this practice: the role of the membership here, not what the person is elsewhere.
        return await (
                from m in db.Memberships
                join u in db.Users on m.UserId equals u.Id
                where m.PracticeId == practiceId && u.IsActive && u.Email != null
                orderby u.DisplayName
                select new StaffMember(u.Id, u.DisplayName, u.Email!,
                    m.Role == StaffRole.PracticeManager || m.Role == StaffRole.Administrator, u.NonEssentialMailOptOut))
            .ToListAsync(cancellationToken);
    }
}
