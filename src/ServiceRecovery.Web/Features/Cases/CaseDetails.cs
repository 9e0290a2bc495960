using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Everything the case page shows. Null when the case does not exist or belongs to another practice.</summary>
public static class CaseDetails
{
    [Requires(StaffRole.FrontDesk)]
    public sealed record Query(Guid Id) : IQuery<View?>, ITargetsCase
    {
        Guid ITargetsCase.TargetCaseId => Id;
    }

    /// <summary>The case as read for showing (not tracked, not the aggregate), with what the page needs around it.</summary>
    public sealed record View(
        CaseRead Case,
        string PracticeName,
        PracticeLocale Locale,
        PatientView Patient,
        string Stage,
        string? Category,
        IReadOnlyList<ImprovementView> LinkedImprovements,
        IReadOnlyList<ImprovementView> OtherImprovements,
        IReadOnlyList<StaffDirectory.Member> Staff,
        decimal? MyGestureLimit,
        bool IsManager,
        string UserId,
        DateTimeOffset Now,
        WelcomeView Welcome)
    {
        public Guid Id => Case.Id;
        public string Reference => Case.Reference;
        public Guid Version => Case.Version;
        public CaseStatus Status => Case.Status;
        public bool IsOpen => Case.Status == CaseStatus.Open;
        public DateOnly Today => DateOnly.FromDateTime(Locale.ToLocal(Now));

        public IEnumerable<StepView> Steps => ServiceSteps.InOrder.Select(Step);

        /// <summary>The patient's cancellations and no-shows since the defect, as the PMS reported them; read for an open case only.</summary>
        public IReadOnlyList<MissedVisit> MissedVisits { get; init; } = [];

        /// <summary>The letters and emails to the patient, shown in Respond and Communicate results.</summary>
        public IReadOnlyList<LetterView> Letters { get; init; } = [];

        /// <summary>The recovery survey sent when the case resolved; null when none was sent.</summary>
        public SurveyView? Survey { get; init; }

        /// <summary>The formal complaint, its kept due dates and the practice's calendar; null when the case is not one.</summary>
        public ComplaintView? Complaint { get; init; }

        /// <summary>Whether the practice has chosen its complaint profile (a case can be marked only then).</summary>
        public bool ComplaintProfileChosen { get; init; }

        public StepView Step(ServiceStep step)
        {
            var track = Case.Steps[step];
            return new StepView(step, Case.StateOf(step, Now), track.DueAt, track.SettledAt, track.SkipReason);
        }
    }

    /// <summary>Extend the outcome's welcome back: the manager's chosen gesture, the practice's list to choose from, and the welcome backs recorded.</summary>
    public sealed record WelcomeView(string? Planned, IReadOnlyList<string> Options, IReadOnlyList<WelcomeBack> Recorded)
    {
        /// <summary>The gesture to offer: the one chosen for this patient, else the practice's first.</summary>
        public string Suggested => Planned ?? Options[0];
    }

    public sealed record PatientView(string DisplayName, string? Phone, string? Email, IReadOnlyList<EarlierCase> EarlierCases, bool IsAnonymous = false);

    public sealed record EarlierCase(Guid Id, string Reference, CaseStatus Status, DateTimeOffset OpenedAt);

    /// <summary>An appointment the patient cancelled or did not attend, in words that do not rely on colour.</summary>
    public sealed record MissedVisit(DateTimeOffset StartsAt, AppointmentStatus Status)
    {
        public string Words(PracticeLocale locale)
        {
            var local = locale.ToLocal(StartsAt);
            var day = local.ToString("d MMM", locale.CultureInfo);
            var time = local.ToString("HH:mm", locale.CultureInfo);
            return Status == AppointmentStatus.NoShow
                ? $"Did not attend the appointment of {day} at {time}"
                : $"Cancelled the appointment of {day} at {time}";
        }
    }

    /// <summary>The recovery survey's state and answer, for staff: the comment is shown here, never on the timeline or in email.</summary>
    public sealed record SurveyView(
        DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, DateTimeOffset? AnsweredAt, int? OutcomeFair, int? EasyAndQuick, int? TreatedWithRespect,
        int? Recommend, string? Comment, bool Low)
    {
        public bool IsExpired(DateTimeOffset now) => AnsweredAt is null && now >= ExpiresAt;
    }

    /// <summary>The formal complaint panel: the due dates as kept on the case row, and the calendar for the warning day.</summary>
    public sealed record ComplaintView(FormalComplaint Complaint, DateOnly? AcknowledgeDue, DateOnly? RespondDue, WorkingCalendar Calendar)
    {
        public ComplaintBadge Acknowledge(DateOnly today) =>
            Badge(Complaint.AcknowledgedOn, Complaint.AcknowledgementLetterId, AcknowledgeDue, today);

        public ComplaintBadge Respond(DateOnly today) =>
            Badge(Complaint.RespondedOn, Complaint.ResponseLetterId, RespondDue, today);

        private ComplaintBadge Badge(DateOnly? doneOn, Guid? letterId, DateOnly? due, DateOnly today)
        {
            if (doneOn is { } done)
            {
                return new ComplaintBadge("done", $"Done on {done:yyyy-MM-dd}", "text-bg-success", null, letterId);
            }

            if (Complaint.OpenPause is { } pause)
            {
                return new ComplaintBadge("paused", $"Paused since {pause.From:yyyy-MM-dd}: {pause.Reason}", "text-bg-secondary", null, null);
            }

            var date = due ?? today;
            return today > date ? new ComplaintBadge("overdue", "Overdue", "text-bg-danger", date, null)
                : today == date ? new ComplaintBadge("due-today", "Due today", "text-bg-warning", date, null)
                : today >= Calendar.PreviousWorkingDay(date) ? new ComplaintBadge("due-tomorrow", "Due tomorrow", "text-bg-warning", date, null)
                : new ComplaintBadge("due", "Due", "text-bg-primary", date, null);
        }
    }

    /// <summary>A clock's state in words (never colour alone), the due date while it runs, and the letter that stopped it.</summary>
    public sealed record ComplaintBadge(string State, string Words, string Css, DateOnly? Due, Guid? LetterId);

    /// <summary>One letter or email to the patient: the words, channel, who and when, and an email's delivery status from the outbox.</summary>
    public sealed record LetterView(
        Guid Id, LetterPurpose Purpose, LetterChannel Channel, string TemplateName, int TemplateVersion, string Subject, string Text,
        string RecordedByName, DateTimeOffset RecordedAt, OutboxStatus? Delivery)
    {
        public string Headline => Channel == LetterChannel.Email ? $"Email to the patient: {TemplateName}" : $"Letter printed: {TemplateName}";

        public string DeliveryWords => Delivery switch
        {
            OutboxStatus.Pending => "waiting to be sent",
            OutboxStatus.Sent => "sent",
            OutboxStatus.Failed => "failed: an administrator can send it again from the email page",
            _ => "",
        };
    }

    public sealed record ImprovementView(Guid Id, string Title, ImprovementStatus Status, string? OwnerName, DateOnly? DueOn);

    public sealed record StepView(ServiceStep Step, StepState State, DateTimeOffset DueAt, DateTimeOffset? SettledAt, string? SkipReason);

    public sealed class Handler(AppDbContext db, IPracticeScope scope, TimeProvider clock, ICurrentUser user) : IQueryHandler<Query, View?>
    {
        public async ValueTask<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            // One connection for the page's dozen small reads, rather than one opened (and set up) per read.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                return await ReadAsync(query.Id, cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        private async Task<View?> ReadAsync(Guid id, CancellationToken cancellationToken)
        {
            // The case row, its defect, practice, stage, category and patient in one read. The practice check is the
            // context's practice filter, made here once (see CaseDetailsQueries); every read below is bounded by this case.
            var head = await CaseDetailsQueries.ReadHead(db, id);
            if (head is null || !(scope.IsUnrestricted || scope.PracticeIds.Contains(head.PracticeId)))
            {
                return null;
            }

            var c = new CaseRead(
                head,
                await CaseDetailsQueries.Apologies(db, id).ToListAsync(cancellationToken),
                await CaseDetailsQueries.Fixes(db, id).ToListAsync(cancellationToken),
                await CaseDetailsQueries.Contacts(db, id).ToListAsync(cancellationToken),
                await CaseDetailsQueries.Gestures(db, id).ToListAsync(cancellationToken),
                await CaseDetailsQueries.Lessons(db, id).ToListAsync(cancellationToken),
                await CaseDetailsQueries.FollowUps(db, id).ToListAsync(cancellationToken),
                await CaseDetailsQueries.Returns(db, id).ToListAsync(cancellationToken),
                // Read only while one waits: most cases never have a request, and the page shows only the waiting ones.
                head.HasPendingRequest ? await CaseDetailsQueries.Requests(db, id).ToListAsync(cancellationToken) : [],
                await CaseDetailsQueries.Timeline(db, id).ToListAsync(cancellationToken));

            // An anonymous comment card has no patient: nobody to contact and no other cases to link.
            var patientId = head.Defect.PatientId;
            List<EarlierCase> earlier = patientId is { } pid ? await CaseDetailsQueries.EarlierCases(db, head.PracticeId, pid, id).ToListAsync(cancellationToken) : [];
            // Only the forms list the improvements a case could link (an open case) and the staff (its owner can change
            // while it is open or resolved); a closed or withdrawn case shows neither.
            var improvements = await CaseDetailsQueries.Improvements(db, head.PracticeId, id, head.Status == CaseStatus.Open).ToListAsync(cancellationToken);
            IReadOnlyList<StaffDirectory.Member> staff = head.Status is CaseStatus.Open or CaseStatus.Resolved
                ? await StaffDirectory.ActiveMembersAsync(db, head.PracticeId, cancellationToken)
                : [];

            // Missed visits are a warning sign of an open recovery; once it is settled they are history the PMS keeps.
            List<MissedVisit> missed = patientId is { } who && head.Status == CaseStatus.Open
                ? await CaseDetailsQueries.MissedVisits(db, head.PracticeId, who, head.Defect.OccurredAt).ToListAsync(cancellationToken)
                : [];
            var actor = user.ToActor(head.PracticeId);
            // Read only when the timeline says there is one: most cases are never welcomed back.
            var welcomed = c.Timeline.Any(e => e.Kind == TimelineEventKind.WelcomeBackRecorded)
                ? await CaseDetailsQueries.WelcomeBacks(db, id).ToListAsync(cancellationToken)
                : [];
            return new View(
                c,
                head.PracticeName,
                new PracticeLocale(head.TimeZoneId, head.Culture, head.Currency),
                patientId is null || head.PatientName is null
                    ? new PatientView(ServiceDefect.AnonymousPatientInFull, null, null, [], IsAnonymous: true)
                    : new PatientView(head.PatientName, head.PatientPhone, head.PatientEmail, earlier),
                head.StageName ?? ServiceDefect.StageNotSure,
                head.CategoryName,
                improvements.Where(i => i.Linked).Select(i => i.View).ToList(),
                improvements.Where(i => !i.Linked).Select(i => i.View).ToList(),
                staff,
                head.GestureLimits.For(actor.Role),
                actor.IsManager,
                actor.UserId,
                clock.GetUtcNow(),
                new WelcomeView(head.WelcomeBackGesture, WelcomeGestureList.Parse(head.WelcomeGestures), welcomed))
            {
                MissedVisits = missed,
                Letters = await CaseDetailsQueries.Letters(db, id).ToListAsync(cancellationToken),
                ComplaintProfileChosen = head.ComplaintProfileId is not null,
                // Read only when the case row says the case is a formal complaint: most cases never are.
                Complaint = head.ComplaintReceivedOn is not null && await CaseDetailsQueries.Complaint(db, id) is { } complaint
                    ? new ComplaintView(complaint, head.ComplaintAcknowledgeDue, head.ComplaintRespondDue,
                        Practice.CalendarOf(head.OpeningDays, head.HolidayRegion, head.ComplaintProfileId, head.ClosureDays))
                    : null,
                // Read only when the timeline says one was sent: most cases never have one.
                Survey = c.Timeline.Any(e => e.Kind == TimelineEventKind.SurveySent)
                    ? await db.Surveys.AsNoTracking().Where(s => s.CaseId == id)
                        .Select(s => new SurveyView(s.IssuedAt, s.ExpiresAt, s.AnsweredAt, s.OutcomeFair, s.EasyAndQuick, s.TreatedWithRespect, s.Recommend, s.Comment, s.Low))
                        .SingleOrDefaultAsync(cancellationToken)
                    : null,
            };
        }
    }
}
