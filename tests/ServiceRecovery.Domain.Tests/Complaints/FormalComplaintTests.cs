using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Complaints;

/// <summary>A case marked as a formal complaint: its rules kept, its clocks on the case row, pauses, letters and outcome.</summary>
public sealed class FormalComplaintTests
{
    private static readonly DayOfWeek[] MondayToFriday = [.. WorkingDays.Days(WorkingDays.DefaultOpeningDays)];

    // Monday 2 March 2026 in Sydney; the tests act a week after A.Now (Tuesday 17 March, 20:00 in Sydney).
    private static readonly DateTimeOffset Occurred = new(2026, 3, 1, 23, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = A.Now.AddDays(7);
    private static readonly DateOnly Monday9 = new(2026, 3, 9);

    private static Practice UkPrivatePractice()
    {
        var practice = A.Practice();
        practice.ChangeWorkingDaysAndComplaints(MondayToFriday, "", new ComplaintSettings(JurisdictionProfiles.UnitedKingdomPrivate.Id, null, null, null));
        return practice;
    }

    private static RecoveryCase CaseIn(Practice practice) => A.Case().In(practice).DefectOccurredAt(Occurred).Build();

    private static LetterTemplateVersion Template(RecoveryCase recoveryCase) =>
        LetterTemplate.Create(recoveryCase.PracticeId, LetterKind.Custom, "Complaint letter", "Your complaint", "Dear Pat,", A.Manager, A.Now).Versions[0];

    private static void Send(RecoveryCase recoveryCase, LetterPurpose purpose, Practice practice, DateTimeOffset at) =>
        recoveryCase.RecordLetter(A.FrontDesk, purpose, LetterChannel.Letter, Template(recoveryCase), "Your complaint", "Dear Pat, we have your complaint.", null, at, practice);

    private static void ShouldKeepTheClocksOf(RecoveryCase recoveryCase, Practice practice)
    {
        var complaint = recoveryCase.Complaint!;
        var clock = new ComplaintClock(complaint.Rules, complaint.ReceivedOn, complaint.Pauses.Select(p => p.ToClock()));
        var acknowledge = complaint.AcknowledgedOn is null ? clock.Acknowledge(practice.Calendar) : null;
        var respond = complaint.RespondedOn is null ? clock.Respond(practice.Calendar) : null;
        recoveryCase.ComplaintReceivedOn.ShouldBe(complaint.ReceivedOn);
        recoveryCase.ComplaintAcknowledgeDue.ShouldBe(acknowledge?.Due);
        recoveryCase.ComplaintRespondDue.ShouldBe(respond?.Due);
        recoveryCase.ComplaintWarningOn.ShouldBe(new[] { acknowledge?.Warning, respond?.Warning }.Where(d => d is not null).Min());
    }

    [Fact]
    public void Marking_keeps_the_practices_rules_and_puts_the_due_dates_on_the_case_row()
    {
        var practice = UkPrivatePractice();
        var recoveryCase = CaseIn(practice);

        var complaint = recoveryCase.MarkFormalComplaint(A.FrontDesk, Monday9, ComplaintChannel.Written, "  Unhappy with the wait  ", practice, Later);

        complaint.Rules.ShouldBe(new ComplaintRules(JurisdictionProfiles.UnitedKingdomPrivate.Id, HolidayRegion.England,
            new ClockRule(2, ClockUnit.WorkingDays), new ClockRule(10, ClockUnit.WorkingDays)));
        complaint.Summary.ShouldBe("Unhappy with the wait");
        recoveryCase.ComplaintAcknowledgeDue.ShouldBe(new DateOnly(2026, 3, 11));
        recoveryCase.ComplaintRespondDue.ShouldBe(new DateOnly(2026, 3, 23));
        recoveryCase.ComplaintWarningOn.ShouldBe(new DateOnly(2026, 3, 10));
        recoveryCase.Timeline[^1].Kind.ShouldBe(TimelineEventKind.ComplaintMarked);
        ShouldKeepTheClocksOf(recoveryCase, practice);
    }

    [Fact]
    public void The_stored_due_dates_equal_the_complaint_clocks_after_mark_pause_resume_and_acknowledge()
    {
        var practice = UkPrivatePractice();
        var recoveryCase = CaseIn(practice);
        recoveryCase.MarkFormalComplaint(A.FrontDesk, Monday9, ComplaintChannel.Email, null, practice, Later);
        ShouldKeepTheClocksOf(recoveryCase, practice);
        var respondBefore = recoveryCase.ComplaintRespondDue;

        recoveryCase.PauseComplaintClock(A.FrontDesk, new DateOnly(2026, 3, 10), "Waiting for the patient's X-rays from their old dentist", practice, Later);
        recoveryCase.ComplaintAcknowledgeDue.ShouldBeNull();
        recoveryCase.ComplaintRespondDue.ShouldBeNull();
        ShouldKeepTheClocksOf(recoveryCase, practice);

        recoveryCase.ResumeComplaintClock(A.FrontDesk, new DateOnly(2026, 3, 13), practice, Later);
        recoveryCase.ComplaintRespondDue!.Value.ShouldBeGreaterThan(respondBefore!.Value);
        recoveryCase.Complaint!.Pauses.ShouldHaveSingleItem().ResumedOn.ShouldBe(new DateOnly(2026, 3, 13));
        ShouldKeepTheClocksOf(recoveryCase, practice);

        Send(recoveryCase, LetterPurpose.ComplaintAcknowledgement, practice, Later);
        recoveryCase.ComplaintAcknowledgeDue.ShouldBeNull();
        recoveryCase.ComplaintRespondDue.ShouldNotBeNull();
        ShouldKeepTheClocksOf(recoveryCase, practice);
    }

    [Fact]
    public void Marking_is_refused_without_a_profile_naming_the_settings_page()
    {
        var practice = A.Practice();
        var refused = Should.Throw<DomainRuleException>(() => CaseIn(practice).MarkFormalComplaint(A.FrontDesk, Monday9, ComplaintChannel.Spoken, null, practice, Later));

        refused.Message.ShouldBe("Choose the practice's complaint profile first: Settings, section \"Working days and complaint rules\".");
    }

    [Fact]
    public void A_received_date_in_the_future_or_before_the_defect_is_refused_beside_the_date()
    {
        var practice = UkPrivatePractice();
        var recoveryCase = CaseIn(practice);

        var future = Should.Throw<DomainRuleException>(() => recoveryCase.MarkFormalComplaint(A.FrontDesk, new DateOnly(2026, 3, 18), ComplaintChannel.Spoken, null, practice, Later));
        var before = Should.Throw<DomainRuleException>(() => recoveryCase.MarkFormalComplaint(A.FrontDesk, new DateOnly(2026, 3, 1), ComplaintChannel.Spoken, null, practice, Later));

        (future.Field, future.Message).ShouldBe((FormalComplaint.ReceivedField, "The date received cannot be in the future."));
        (before.Field, before.Message).ShouldBe((FormalComplaint.ReceivedField, "The date received cannot be before the defect happened (2026-03-02)."));
        recoveryCase.Complaint.ShouldBeNull();
        recoveryCase.ComplaintReceivedOn.ShouldBeNull();
    }

    [Fact]
    public void A_case_is_marked_once_and_a_withdrawn_case_not_at_all()
    {
        var practice = UkPrivatePractice();
        var marked = CaseIn(practice);
        marked.MarkFormalComplaint(A.FrontDesk, Monday9, ComplaintChannel.Spoken, null, practice, Later);
        var withdrawn = CaseIn(practice);
        withdrawn.Withdraw(A.Manager, "Logged twice", Later);

        Should.Throw<DomainRuleException>(() => marked.MarkFormalComplaint(A.FrontDesk, Monday9, ComplaintChannel.Spoken, null, practice, Later))
            .Message.ShouldBe("This case is already a formal complaint.");
        Should.Throw<DomainRuleException>(() => withdrawn.MarkFormalComplaint(A.FrontDesk, Monday9, ComplaintChannel.Spoken, null, practice, Later))
            .Message.ShouldBe("This case is withdrawn, so it cannot be marked as a formal complaint.");
    }

    [Fact]
    public void A_later_profile_change_leaves_the_kept_rules_alone()
    {
        var practice = UkPrivatePractice();
        var recoveryCase = CaseIn(practice);
        recoveryCase.MarkFormalComplaint(A.FrontDesk, Monday9, ComplaintChannel.Spoken, null, practice, Later);

        practice.ChangeWorkingDaysAndComplaints(MondayToFriday, "", new ComplaintSettings(JurisdictionProfiles.EnglandNhs.Id, null, null, null));

        recoveryCase.Complaint!.Rules.ProfileId.ShouldBe(JurisdictionProfiles.UnitedKingdomPrivate.Id);
        recoveryCase.Complaint.Rules.Respond.ShouldBe(new ClockRule(10, ClockUnit.WorkingDays));
    }

    [Fact]
    public void The_first_acknowledgement_letter_wins_and_a_second_is_just_a_letter()
    {
        var practice = UkPrivatePractice();
        var recoveryCase = CaseIn(practice);
        recoveryCase.MarkFormalComplaint(A.FrontDesk, Monday9, ComplaintChannel.Spoken, null, practice, Later);

        Send(recoveryCase, LetterPurpose.ComplaintAcknowledgement, practice, Later);
        var first = recoveryCase.Letters[^1].Id;
        Send(recoveryCase, LetterPurpose.ComplaintAcknowledgement, practice, Later.AddDays(1));

        recoveryCase.Complaint!.AcknowledgedOn.ShouldBe(new DateOnly(2026, 3, 17));
        recoveryCase.Complaint.AcknowledgementLetterId.ShouldBe(first);
        recoveryCase.Timeline.Count(e => e.Kind == TimelineEventKind.ComplaintAcknowledged).ShouldBe(1);
        recoveryCase.Letters.Count.ShouldBe(2);
    }

    [Fact]
    public void A_response_sent_before_any_acknowledgement_acknowledges_too()
    {
        var practice = UkPrivatePractice();
        var recoveryCase = CaseIn(practice);
        recoveryCase.MarkFormalComplaint(A.FrontDesk, Monday9, ComplaintChannel.Spoken, null, practice, Later);

        Send(recoveryCase, LetterPurpose.ComplaintResponse, practice, Later);

        recoveryCase.Complaint!.RespondedOn.ShouldBe(new DateOnly(2026, 3, 17));
        recoveryCase.Complaint.AcknowledgedOn.ShouldBe(new DateOnly(2026, 3, 17));
        (recoveryCase.ComplaintAcknowledgeDue, recoveryCase.ComplaintRespondDue, recoveryCase.ComplaintWarningOn).ShouldBe((null, null, null));
    }

    [Fact]
    public void A_complaint_letter_on_a_case_that_is_not_a_complaint_is_refused_beside_the_purpose()
    {
        var practice = UkPrivatePractice();
        var recoveryCase = CaseIn(practice);

        Should.Throw<DomainRuleException>(() => Send(recoveryCase, LetterPurpose.ComplaintAcknowledgement, practice, Later)).Field.ShouldBe(nameof(PatientLetter.Purpose));
        recoveryCase.Letters.ShouldBeEmpty();
    }

    [Fact]
    public void The_outcome_is_a_managers_after_the_final_response_and_a_change_is_a_new_timeline_entry()
    {
        var practice = UkPrivatePractice();
        var recoveryCase = CaseIn(practice);
        recoveryCase.MarkFormalComplaint(A.FrontDesk, Monday9, ComplaintChannel.Spoken, null, practice, Later);

        Should.Throw<DomainRuleException>(() => recoveryCase.RecordComplaintOutcome(A.Manager, ComplaintFinding.Upheld, false, null, practice, Later))
            .Message.ShouldStartWith("Record the outcome after the final response is sent");
        Send(recoveryCase, LetterPurpose.ComplaintResponse, practice, Later);
        Should.Throw<DomainRuleException>(() => recoveryCase.RecordComplaintOutcome(A.FrontDesk, ComplaintFinding.Upheld, false, null, practice, Later))
            .Message.ShouldBe("Only a practice manager can record the outcome of a formal complaint.");
        Should.Throw<DomainRuleException>(() => recoveryCase.RecordComplaintOutcome(A.Manager, ComplaintFinding.Upheld, true, null, practice, Later))
            .Field.ShouldBe(FormalComplaint.EscalatedField);

        recoveryCase.RecordComplaintOutcome(A.Manager, ComplaintFinding.PartlyUpheld, false, null, practice, Later);
        Should.Throw<DomainRuleException>(() => recoveryCase.RecordComplaintOutcome(A.Manager, ComplaintFinding.PartlyUpheld, false, null, practice, Later))
            .Message.ShouldBe("That outcome is already recorded.");
        recoveryCase.RecordComplaintOutcome(A.Manager, ComplaintFinding.PartlyUpheld, true, new DateOnly(2026, 3, 17), practice, Later);

        recoveryCase.Complaint!.EscalatedOn.ShouldBe(new DateOnly(2026, 3, 17));
        recoveryCase.Timeline.Where(e => e.Kind == TimelineEventKind.ComplaintOutcomeRecorded).Select(e => e.Detail).ShouldBe([
            "Complaint outcome: Partly upheld",
            "Complaint outcome changed: Partly upheld; the patient went to Dental Complaints Service on 2026-03-17 (was: Partly upheld)",
        ]);
    }

    [Fact]
    public void A_pause_needs_a_reason_and_cannot_start_in_the_future()
    {
        var practice = UkPrivatePractice();
        var recoveryCase = CaseIn(practice);
        recoveryCase.MarkFormalComplaint(A.FrontDesk, Monday9, ComplaintChannel.Spoken, null, practice, Later);

        Should.Throw<DomainRuleException>(() => recoveryCase.PauseComplaintClock(A.FrontDesk, Monday9, " ", practice, Later)).Field.ShouldBe(ClockPause.ReasonField);
        Should.Throw<DomainRuleException>(() => recoveryCase.PauseComplaintClock(A.FrontDesk, new DateOnly(2026, 3, 18), "Waiting", practice, Later))
            .Field.ShouldBe(FormalComplaint.PausedField);
        Should.Throw<DomainRuleException>(() => recoveryCase.ResumeComplaintClock(A.FrontDesk, Monday9, practice, Later))
            .Message.ShouldBe("The clock is not paused, so it cannot be resumed.");
        recoveryCase.Complaint!.Pauses.ShouldBeEmpty();
    }
}
