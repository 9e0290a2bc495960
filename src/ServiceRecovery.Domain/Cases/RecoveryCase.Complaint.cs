namespace ServiceRecovery.Domain;

/// <summary>
/// The case as a formal complaint: marking it, pausing and resuming its clocks, the evidence from letters and the
/// outcome. Every change appends to the timeline and recomputes the clock columns kept on the case row
/// (<see cref="ComplaintAcknowledgeDue"/>, <see cref="ComplaintRespondDue"/>, <see cref="ComplaintWarningOn"/>), so the
/// queue, a sweep and a report read the row and never count working days per row.
/// </summary>
public sealed partial class RecoveryCase
{
    public const string ChooseComplaintProfile =
        "Choose the practice's complaint profile first: Settings, section \"Working days and complaint rules\".";

    /// <summary>The formal complaint on this case; null when the case is not one.</summary>
    public FormalComplaint? Complaint { get; private set; }

    /// <summary>The local date the formal complaint was received; null when the case is not one.</summary>
    public DateOnly? ComplaintReceivedOn { get; private set; }

    /// <summary>When the acknowledgement is due; null when there is no complaint, it is acknowledged, or the clock is paused.</summary>
    public DateOnly? ComplaintAcknowledgeDue { get; private set; }

    /// <summary>When the final response is due; null when there is no complaint, it is answered, or the clock is paused.</summary>
    public DateOnly? ComplaintRespondDue { get; private set; }

    /// <summary>The earliest warning day (the working day before a due date) of a clock still running.</summary>
    public DateOnly? ComplaintWarningOn { get; private set; }

    /// <summary>
    /// Staff (any role) mark the case as a formal complaint received on <paramref name="receivedOn"/> at the practice. The
    /// practice's current rules are kept on the complaint.
    /// </summary>
    public FormalComplaint MarkFormalComplaint(Actor by, DateOnly receivedOn, ComplaintChannel channel, string? summary, Practice practice, DateTimeOffset now)
    {
        if (Status == CaseStatus.Withdrawn)
        {
            throw new DomainRuleException("This case is withdrawn, so it cannot be marked as a formal complaint.");
        }

        if (Complaint is not null)
        {
            throw new DomainRuleException("This case is already a formal complaint.");
        }

        if (practice.Complaints is null)
        {
            throw new DomainRuleException(ChooseComplaintProfile);
        }

        if (!Enum.IsDefined(channel))
        {
            throw DomainRuleException.For(FormalComplaint.ChannelField, "Choose how the complaint was made.");
        }

        var locale = practice.Locale;
        if (receivedOn > locale.DateAt(now))
        {
            throw DomainRuleException.For(FormalComplaint.ReceivedField, "The date received cannot be in the future.");
        }

        var occurred = locale.DateAt(Defect.OccurredAt);
        if (receivedOn < occurred)
        {
            throw DomainRuleException.For(FormalComplaint.ReceivedField, $"The date received cannot be before the defect happened ({occurred:yyyy-MM-dd}).");
        }

        var text = summary?.Trim();
        if (text is { Length: > FormalComplaint.SummaryLength })
        {
            throw DomainRuleException.For(FormalComplaint.SummaryField, $"Keep the summary to {FormalComplaint.SummaryLength:N0} characters.");
        }

        var rules = practice.ComplaintRules();
        Complaint = new FormalComplaint(receivedOn, channel, string.IsNullOrEmpty(text) ? null : text, rules, by, now);
        ComplaintChanged(practice.Calendar);
        Append(by, TimelineEventKind.ComplaintMarked, null,
            $"Marked as a formal complaint ({channel.Words().ToLowerInvariant()}), received {receivedOn:yyyy-MM-dd}; " +
            $"acknowledge within {rules.Acknowledge.Words()}, respond within {rules.Respond.Words()}", now);
        return Complaint;
    }

    /// <summary>The summary of a formal complaint the patient asked for on the comment card: fixed words, never the patient's comment.</summary>
    public const string CommentCardComplaintSummary = "Ticked \"I want to make a formal complaint\" on the comment card";

    /// <summary>
    /// The local date the patient asked for a formal complaint on the comment card while the practice had no complaint
    /// profile, so the case could not be marked: staff see that it needs marking. Null otherwise.
    /// </summary>
    public DateOnly? ComplaintRequestedOn { get; private set; }

    /// <summary>Whether the patient asked for a formal complaint that nobody has marked yet.</summary>
    public bool ComplaintNeedsMarking => Complaint is null && ComplaintRequestedOn is not null;

    /// <summary>
    /// The patient ticked "I want to make a formal complaint" on the comment card that opened this case: the case is
    /// marked at once by the marking rule, received on the card's day at the practice, made by comment card, by the
    /// comment card. A practice with no complaint profile cannot mark it: the request is recorded instead, for staff to
    /// mark it once the profile is chosen. True when the case was marked.
    /// </summary>
    public bool AskForFormalComplaintOnCard(Practice practice, DateTimeOffset now)
    {
        var today = practice.Locale.DateAt(now);
        if (practice.Complaints is not null)
        {
            MarkFormalComplaint(Actor.CommentCard, today, ComplaintChannel.CommentCardOrLetter, CommentCardComplaintSummary, practice, now);
            return true;
        }

        ComplaintRequestedOn = today;
        Append(Actor.CommentCard, TimelineEventKind.ComplaintRequested, null,
            "The patient asked for a formal complaint on the comment card; it is not marked yet, as the practice has no complaint profile: " +
            "choose it in Settings, \"Working days and complaint rules\", then mark the case from its Formal complaint panel", now);
        return false;
    }

    /// <summary>The practice waits for the patient from <paramref name="from"/>: both clocks stand still until resumed.</summary>
    public void PauseComplaintClock(Actor by, DateOnly from, string? reason, Practice practice, DateTimeOffset now)
    {
        var complaint = OpenComplaint("pause its clock");
        if (from > practice.Locale.DateAt(now))
        {
            throw DomainRuleException.For(FormalComplaint.PausedField, "A pause cannot start in the future.");
        }

        complaint.Pause(from, reason);
        ComplaintChanged(practice.Calendar);
        Append(by, TimelineEventKind.ComplaintPaused, null, $"Complaint clock paused from {from:yyyy-MM-dd}: waiting for the patient", now);
    }

    /// <summary>The clocks run again from <paramref name="on"/> (that day counts as running).</summary>
    public void ResumeComplaintClock(Actor by, DateOnly on, Practice practice, DateTimeOffset now)
    {
        var complaint = OpenComplaint("resume its clock");
        if (on > practice.Locale.DateAt(now))
        {
            throw DomainRuleException.For(FormalComplaint.ResumedField, "The clock cannot resume in the future.");
        }

        complaint.Resume(on);
        ComplaintChanged(practice.Calendar);
        Append(by, TimelineEventKind.ComplaintResumed, null, $"Complaint clock resumed on {on:yyyy-MM-dd}", now);
    }

    /// <summary>
    /// A manager records what the practice found, and whether the patient went to the escalation body. Only after the
    /// final response; recorded once, and a manager may record a change later (both stay on the timeline).
    /// </summary>
    public void RecordComplaintOutcome(Actor by, ComplaintFinding finding, bool wentToEscalationBody, DateOnly? escalatedOn, Practice practice, DateTimeOffset now)
    {
        if (!by.IsManager)
        {
            throw new DomainRuleException("Only a practice manager can record the outcome of a formal complaint.");
        }

        var complaint = Complaint ?? throw new DomainRuleException("This case is not a formal complaint.");
        if (complaint.RespondedOn is null)
        {
            throw new DomainRuleException("Record the outcome after the final response is sent: write it from \"Write to the patient\" as the complaint response.");
        }

        if (!Enum.IsDefined(finding))
        {
            throw DomainRuleException.For(FormalComplaint.FindingField, "Choose what the practice found.");
        }

        if (wentToEscalationBody)
        {
            if (escalatedOn is not { } date)
            {
                throw DomainRuleException.For(FormalComplaint.EscalatedField, "Enter the date the patient went to the escalation body.");
            }

            if (date > practice.Locale.DateAt(now))
            {
                throw DomainRuleException.For(FormalComplaint.EscalatedField, "The date cannot be in the future.");
            }

            if (date < complaint.ReceivedOn)
            {
                throw DomainRuleException.For(FormalComplaint.EscalatedField, $"The date cannot be before the complaint was received ({complaint.ReceivedOn:yyyy-MM-dd}).");
            }
        }

        var words = OutcomeWords(finding, wentToEscalationBody, wentToEscalationBody ? escalatedOn : null, complaint.Profile);
        if (complaint.Finding is { } earlier)
        {
            var before = OutcomeWords(earlier, complaint.WentToEscalationBody == true, complaint.EscalatedOn, complaint.Profile);
            if (before == words)
            {
                throw new DomainRuleException("That outcome is already recorded.");
            }

            complaint.RecordOutcome(finding, wentToEscalationBody, escalatedOn, now);
            Append(by, TimelineEventKind.ComplaintOutcomeRecorded, null, $"Complaint outcome changed: {words} (was: {before})", now);
            return;
        }

        complaint.RecordOutcome(finding, wentToEscalationBody, escalatedOn, now);
        Append(by, TimelineEventKind.ComplaintOutcomeRecorded, null, $"Complaint outcome: {words}", now);
    }

    private static string OutcomeWords(ComplaintFinding finding, bool went, DateOnly? on, JurisdictionProfile? profile) =>
        finding.Words() + (went ? $"; the patient went to {profile?.Escalation.Name ?? "the escalation body"} on {on:yyyy-MM-dd}" : "");

    /// <summary>A complaint letter was recorded: the first acknowledgement or response stops its clock.</summary>
    private void ComplaintLetter(Actor by, PatientLetter letter, Practice? practice, DateTimeOffset now)
    {
        if (Complaint is null || practice is null)
        {
            throw DomainRuleException.For(nameof(PatientLetter.Purpose), "This case is not a formal complaint: choose a personal contact or the outcome.");
        }

        if (Complaint.Evidence(letter.Purpose, letter.Id, practice.Locale.DateAt(now)) is { } what)
        {
            ComplaintChanged(practice.Calendar);
            Append(by, letter.Purpose == LetterPurpose.ComplaintAcknowledgement ? TimelineEventKind.ComplaintAcknowledged : TimelineEventKind.ComplaintResponded,
                null, what, now);
        }
    }

    private FormalComplaint OpenComplaint(string action)
    {
        var complaint = Complaint ?? throw new DomainRuleException("This case is not a formal complaint.");
        if (Status == CaseStatus.Withdrawn)
        {
            throw new DomainRuleException($"This case is withdrawn, so you cannot {action}.");
        }

        return complaint.RespondedOn is null
            ? complaint
            : throw new DomainRuleException($"The final response is sent, so there is no clock to {action.Split(' ')[0]}.");
    }

    /// <summary>The due date kept on the row for <paramref name="clock"/>: null when there is no complaint, it is recorded, or the clock is paused.</summary>
    public DateOnly? ComplaintDue(ComplaintClockKind clock) => clock == ComplaintClockKind.Acknowledge ? ComplaintAcknowledgeDue : ComplaintRespondDue;

    /// <summary>
    /// What the reminders owe <paramref name="clock"/> on <paramref name="today"/> (the practice's local date): a warning
    /// from its warning day (the working day before the due date, never before receipt) to the due date, an escalation
    /// from the first working day after the due date. Nothing for a withdrawn case, a clock recorded or paused, or between.
    /// </summary>
    public ComplaintReminder? ComplaintReminderOn(ComplaintClockKind clock, DateOnly today, WorkingCalendar calendar)
    {
        if (Status == CaseStatus.Withdrawn || Complaint is null || ComplaintDue(clock) is not { } due)
        {
            return null;
        }

        var warning = calendar.PreviousWorkingDay(due);
        if (warning < Complaint.ReceivedOn)
        {
            warning = Complaint.ReceivedOn;
        }

        return today >= calendar.AddWorkingDays(due, 1) ? new ComplaintReminder(clock, ComplaintReminderKind.Escalation, due)
            : today >= warning && today <= due ? new ComplaintReminder(clock, ComplaintReminderKind.Warning, due)
            : null;
    }

    /// <summary>
    /// The system records that <paramref name="reminder"/> was emailed to <paramref name="notified"/>. Like the apology's
    /// escalation it leaves the case's version alone, so no one's open form goes stale. False when it is no longer owed.
    /// </summary>
    public bool RecordComplaintReminder(Actor system, ComplaintReminder reminder, IReadOnlyCollection<string> notified, DateOnly today, WorkingCalendar calendar, DateTimeOffset now)
    {
        if (notified.Count == 0 || ComplaintReminderOn(reminder.Clock, today, calendar) != reminder)
        {
            return false;
        }

        var what = reminder.Clock.Words();
        var (kind, prefix) = reminder.Kind == ComplaintReminderKind.Warning
            ? (TimelineEventKind.ComplaintWarningSent, $"Warning sent: {what} is due on {reminder.Due:yyyy-MM-dd}: emailed ")
            : (TimelineEventKind.ComplaintEscalated, $"Escalated: {what} was due on {reminder.Due:yyyy-MM-dd}: emailed ");
        _timeline.Add(new TimelineEvent(Id, system, kind, null, BoundedText.Names(prefix, [.. notified], TimelineEvent.MaxDetailLength), now));
        return true;
    }

    /// <summary>
    /// The practice changed its opening or closure days: the complaint keeps its rules, and its kept due dates follow the new
    /// calendar. Nothing is recorded on the timeline, as nothing about the complaint changed; the settings audit says who did it.
    /// </summary>
    public void FollowCalendar(WorkingCalendar calendar)
    {
        if (Complaint is not null)
        {
            ComplaintChanged(calendar);
        }
    }

    /// <summary>The clock columns on the case row, from the complaint's kept rules on the practice's calendar.</summary>
    private void ComplaintChanged(WorkingCalendar calendar)
    {
        var complaint = Complaint!;
        var clock = complaint.Clock;
        var acknowledge = complaint.AcknowledgedOn is null ? clock.Acknowledge(calendar) : null;
        var respond = complaint.RespondedOn is null ? clock.Respond(calendar) : null;
        ComplaintReceivedOn = complaint.ReceivedOn;
        ComplaintAcknowledgeDue = acknowledge?.Due;
        ComplaintRespondDue = respond?.Due;
        ComplaintWarningOn = new[] { acknowledge?.Warning, respond?.Warning }.Where(d => d is not null).Min();
    }
}
