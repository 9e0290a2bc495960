using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

public class TimelineTests
{
    [Fact]
    public void Opening_a_case_writes_the_first_timeline_event_with_who_and_when()
    {
        var recoveryCase = A.Case().LoggedBy(A.OtherFrontDesk).Build();

        var opened = recoveryCase.Timeline.ShouldHaveSingleItem();
        opened.Kind.ShouldBe(TimelineEventKind.CaseOpened);
        opened.ActorName.ShouldBe("Omar Other");
        opened.ActorId.ShouldBe("user-front-desk-2");
        opened.At.ShouldBe(A.Now);
        opened.CaseId.ShouldBe(recoveryCase.Id);
        recoveryCase.LastChangedByName.ShouldBe("Omar Other");
        recoveryCase.LastChangedAt.ShouldBe(A.Now);
    }

    [Theory]
    [InlineData(ServiceStep.SaySorry, TimelineEventKind.ApologyRecorded)]
    [InlineData(ServiceStep.ExpediteSolutions, TimelineEventKind.FixRecorded)]
    [InlineData(ServiceStep.Respond, TimelineEventKind.ContactRecorded)]
    [InlineData(ServiceStep.Victory, TimelineEventKind.GestureGiven)]
    [InlineData(ServiceStep.ImplementImprovements, TimelineEventKind.ImprovementLinked)]
    [InlineData(ServiceStep.ExtendOutcome, TimelineEventKind.ReturnRecorded)]
    public void Completing_a_step_appends_one_event_naming_the_person_the_step_and_the_time(ServiceStep step, TimelineEventKind kind)
    {
        var recoveryCase = A.OpenCase();
        var at = A.Now.AddMinutes(17);
        var before = recoveryCase.Timeline.Count;

        recoveryCase.Complete(step, at, A.OtherFrontDesk);

        recoveryCase.Timeline.Count.ShouldBe(before + 1);
        var last = recoveryCase.Timeline[^1];
        last.Kind.ShouldBe(kind);
        last.Step.ShouldBe(step);
        last.ActorName.ShouldBe("Omar Other");
        last.At.ShouldBe(at);
        last.Detail.ShouldNotBeNullOrWhiteSpace();
        recoveryCase.LastChangedByName.ShouldBe("Omar Other");
        recoveryCase.LastChangedAt.ShouldBe(at);
    }

    [Fact]
    public void Recording_and_sharing_a_lesson_appends_two_events()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.Complete(ServiceStep.CommunicateResults, A.Now.AddDays(1), A.Manager);

        recoveryCase.Timeline.Skip(1).Select(e => e.Kind)
            .ShouldBe([TimelineEventKind.LessonRecorded, TimelineEventKind.LessonShared]);
        recoveryCase.Timeline.Skip(1).ShouldAllBe(e => e.ActorName == "Maya Manager" && e.At == A.Now.AddDays(1));
    }

    [Fact]
    public void Every_change_over_the_life_of_a_case_adds_to_the_timeline_and_never_removes_or_alters_an_event()
    {
        var recoveryCase = A.OpenCase();
        var seen = new List<(TimelineEvent Event, Guid Id, string Detail, DateTimeOffset At, string Actor)>();
        var at = A.Now;

        void Change(Action<DateTimeOffset> change)
        {
            at = at.AddMinutes(10);
            var countBefore = recoveryCase.Timeline.Count;
            seen.Clear();
            seen.AddRange(recoveryCase.Timeline.Select(e => (e, e.Id, e.Detail, e.At, e.ActorName)));

            change(at);

            recoveryCase.Timeline.Count.ShouldBeGreaterThan(countBefore);
            for (var i = 0; i < seen.Count; i++)
            {
                var now = recoveryCase.Timeline[i];
                now.ShouldBeSameAs(seen[i].Event);
                now.Id.ShouldBe(seen[i].Id);
                now.Detail.ShouldBe(seen[i].Detail);
                now.At.ShouldBe(seen[i].At);
                now.ActorName.ShouldBe(seen[i].Actor);
            }
        }

        Change(t => recoveryCase.RecordApology(A.FrontDesk, A.FrontDesk.Name, ApologyMethod.InPerson, t, t));
        Change(t => recoveryCase.AssignOwner("user-manager", "Maya Manager", A.FrontDesk, t));
        Change(t => recoveryCase.RecordFix(A.FrontDesk, "Seen by the hygienist straight away.", t));
        Change(t => recoveryCase.RecordContact(A.FrontDesk, ContactMethod.HandWrittenNote, t, "Thank-you note sent.", t));
        var gesture = default(Gesture);
        Change(t => gesture = recoveryCase.GiveGesture(A.FrontDesk, GestureKind.Refund, 150m, null, GestureLimits.Default, t));
        Change(t => recoveryCase.ApproveGesture(gesture!.Id, A.Manager, t));
        Change(t => recoveryCase.LinkImprovement(A.ImprovementFor(recoveryCase.PracticeId), A.Manager, t));
        Change(t => recoveryCase.RecordLesson(A.Manager, "Tell patients when the book runs late.", t));
        Change(t => recoveryCase.MarkLessonsShared(A.Manager, DateOnly.FromDateTime(t.UtcDateTime), A.Locale, t));
        var followUp = default(FollowUp);
        Change(t => followUp = recoveryCase.PlanFollowUp(A.Manager, DateOnly.FromDateTime(t.UtcDateTime).AddDays(7), FollowUpMethod.Call, A.Locale, t));
        Change(t => recoveryCase.RecordFollowUpOutcome(followUp!.Id, A.Manager, "Patient is happy and booked a check-up.", t));
        Change(t => recoveryCase.RecordReturn(A.FrontDesk, DateOnly.FromDateTime(t.UtcDateTime), "Check-up", A.Locale, t));
        recoveryCase.Status.ShouldBe(CaseStatus.Resolved);
        Change(t => recoveryCase.Close(A.Manager, t));
        Change(t => recoveryCase.Reopen(A.Manager, "Patient wrote again", t));

        recoveryCase.Timeline.Select(e => e.At).ShouldBeInOrder();
        recoveryCase.Timeline.Select(e => e.Id).Distinct().Count().ShouldBe(recoveryCase.Timeline.Count);
    }

    [Fact]
    public void A_refused_change_leaves_the_timeline_as_it_was()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.Complete(ServiceStep.SaySorry, A.Now.AddMinutes(1));
        var before = recoveryCase.Timeline.ToList();

        Should.Throw<DomainRuleException>(() => recoveryCase.Skip(ServiceStep.SaySorry, "Already done", A.Manager, A.Now.AddMinutes(2)));
        Should.Throw<DomainRuleException>(() => recoveryCase.Close(A.Manager, A.Now.AddMinutes(3)));
        Should.Throw<DomainRuleException>(() => recoveryCase.RecordFix(A.Manager, "   ", A.Now.AddMinutes(4)));

        recoveryCase.Timeline.ShouldBe(before);
        recoveryCase.LastChangedAt.ShouldBe(A.Now.AddMinutes(1));
    }

    [Fact]
    public void Assigning_the_owner_a_case_already_has_is_not_a_change()
    {
        var recoveryCase = A.OpenCase();
        var before = recoveryCase.Timeline.Count;

        recoveryCase.AssignOwner("user-front-desk", "Fiona Front", A.Manager, A.Now.AddMinutes(1));

        recoveryCase.Timeline.Count.ShouldBe(before);
    }

    [Fact]
    public void Skipping_a_step_appends_an_event_with_the_written_reason()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.Skip(ServiceStep.Victory, "No gesture appropriate: patient declined", A.Manager, A.Now.AddMinutes(3));

        var skipped = recoveryCase.Timeline[^1];
        skipped.Kind.ShouldBe(TimelineEventKind.StepSkipped);
        skipped.Step.ShouldBe(ServiceStep.Victory);
        skipped.Detail.ShouldContain("No gesture appropriate: patient declined");
        skipped.ActorName.ShouldBe("Maya Manager");
        skipped.At.ShouldBe(A.Now.AddMinutes(3));
    }

    [Fact]
    public void Timeline_details_hold_no_patient_contact_details()
    {
        var practice = A.Practice();
        var patient = A.PatientOf(practice);
        var recoveryCase = A.Case().In(practice).Build();

        recoveryCase.CompleteAllExcept(A.Now.AddMinutes(1));

        recoveryCase.Timeline.ShouldAllBe(e =>
            !e.Detail.Contains(patient.DisplayName) && !e.Detail.Contains(patient.Phone!) && !e.Detail.Contains(patient.Email!));
    }
}
