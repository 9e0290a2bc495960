using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

public class CaseLifecycleTests
{
    [Fact]
    public void Manager_closes_a_resolved_case_after_review()
    {
        var recoveryCase = CaseActions.ResolvedCase();
        var closedAt = A.Now.AddDays(1);

        recoveryCase.Close(A.Manager, closedAt);

        recoveryCase.Status.ShouldBe(CaseStatus.Closed);
        recoveryCase.ClosedAt.ShouldBe(closedAt);
        recoveryCase.Timeline[^1].Kind.ShouldBe(TimelineEventKind.Closed);
        recoveryCase.Timeline[^1].ActorName.ShouldBe("Maya Manager");
    }

    [Fact]
    public void Front_desk_cannot_close_a_resolved_case()
    {
        var recoveryCase = CaseActions.ResolvedCase();

        Should.Throw<DomainRuleException>(() => recoveryCase.Close(A.FrontDesk, A.Now.AddDays(1)));

        recoveryCase.Status.ShouldBe(CaseStatus.Resolved);
        recoveryCase.ClosedAt.ShouldBeNull();
    }

    [Fact]
    public void Manager_cannot_close_a_case_that_is_still_open()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.CompleteAllExcept(A.Now.AddMinutes(1), ServiceStep.ExtendOutcome);

        Should.Throw<DomainRuleException>(() => recoveryCase.Close(A.Manager, A.Now.AddDays(1)));

        recoveryCase.Status.ShouldBe(CaseStatus.Open);
    }

    [Fact]
    public void A_closed_case_cannot_be_closed_again()
    {
        var recoveryCase = CaseActions.ClosedCase();

        Should.Throw<DomainRuleException>(() => recoveryCase.Close(A.Manager, A.Now.AddDays(5)));

        recoveryCase.ClosedAt.ShouldBe(A.Now.AddDays(1));
    }

    [Fact]
    public void Manager_reopens_a_closed_case_with_a_reason()
    {
        var recoveryCase = CaseActions.ClosedCase();

        recoveryCase.Reopen(A.Manager, "Patient wrote again about the same bill", A.Now.AddDays(3));

        recoveryCase.Status.ShouldBe(CaseStatus.Open);
        recoveryCase.ClosedAt.ShouldBeNull();
        recoveryCase.ResolvedAt.ShouldBeNull();
        recoveryCase.Timeline[^1].Kind.ShouldBe(TimelineEventKind.Reopened);
        recoveryCase.Timeline[^1].Detail.ShouldContain("Patient wrote again about the same bill");
    }

    [Fact]
    public void Front_desk_cannot_reopen_a_closed_case()
    {
        var recoveryCase = CaseActions.ClosedCase();

        Should.Throw<DomainRuleException>(() => recoveryCase.Reopen(A.FrontDesk, "Patient called back", A.Now.AddDays(3)));

        recoveryCase.Status.ShouldBe(CaseStatus.Closed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Reopening_without_a_reason_is_refused(string reason)
    {
        var recoveryCase = CaseActions.ClosedCase();

        Should.Throw<DomainRuleException>(() => recoveryCase.Reopen(A.Manager, reason, A.Now.AddDays(3)));

        recoveryCase.Status.ShouldBe(CaseStatus.Closed);
    }

    [Fact]
    public void Only_a_closed_case_can_be_reopened()
    {
        var open = A.OpenCase();
        var resolved = CaseActions.ResolvedCase();
        var withdrawn = CaseActions.WithdrawnCase();

        Should.Throw<DomainRuleException>(() => open.Reopen(A.Manager, "Why not", A.Now.AddDays(3)));
        Should.Throw<DomainRuleException>(() => resolved.Reopen(A.Manager, "Why not", A.Now.AddDays(3)));
        Should.Throw<DomainRuleException>(() => withdrawn.Reopen(A.Manager, "Why not", A.Now.AddDays(3)));

        open.Status.ShouldBe(CaseStatus.Open);
        resolved.Status.ShouldBe(CaseStatus.Resolved);
        withdrawn.Status.ShouldBe(CaseStatus.Withdrawn);
    }

    [Fact]
    public void Withdrawing_a_case_keeps_the_reason_and_the_time()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.Withdraw(A.Manager, "  Logged twice by mistake  ", A.Now.AddMinutes(5));

        recoveryCase.Status.ShouldBe(CaseStatus.Withdrawn);
        recoveryCase.WithdrawReason.ShouldBe("Logged twice by mistake");
        recoveryCase.WithdrawnAt.ShouldBe(A.Now.AddMinutes(5));
        recoveryCase.IsOverdue(A.Now.AddDays(30)).ShouldBeFalse();
        recoveryCase.Timeline[^1].Kind.ShouldBe(TimelineEventKind.Withdrawn);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Withdrawing_without_a_reason_is_refused(string reason)
    {
        var recoveryCase = A.OpenCase();

        Should.Throw<DomainRuleException>(() => recoveryCase.Withdraw(A.Manager, reason, A.Now));

        recoveryCase.Status.ShouldBe(CaseStatus.Open);
        recoveryCase.WithdrawReason.ShouldBeNull();
        recoveryCase.WithdrawnAt.ShouldBeNull();
    }

    [Fact]
    public void A_withdrawn_case_cannot_be_closed()
    {
        var recoveryCase = CaseActions.WithdrawnCase();

        Should.Throw<DomainRuleException>(() => recoveryCase.Close(A.Manager, A.Now.AddDays(1)));

        recoveryCase.Status.ShouldBe(CaseStatus.Withdrawn);
    }

    [Theory]
    [MemberData(nameof(EveryRecordingAction))]
    public void Nothing_can_be_recorded_on_a_withdrawn_case(string action)
    {
        var recoveryCase = CaseActions.WithdrawnCase();
        var eventsBefore = recoveryCase.Timeline.Count;

        Should.Throw<DomainRuleException>(() => Perform(recoveryCase, action));

        recoveryCase.Status.ShouldBe(CaseStatus.Withdrawn);
        recoveryCase.Timeline.Count.ShouldBe(eventsBefore);
    }

    [Theory]
    [MemberData(nameof(EveryRecordingAction))]
    public void Nothing_can_be_recorded_on_a_closed_case(string action)
    {
        var recoveryCase = CaseActions.ClosedCase();
        var eventsBefore = recoveryCase.Timeline.Count;

        Should.Throw<DomainRuleException>(() => Perform(recoveryCase, action));

        recoveryCase.Status.ShouldBe(CaseStatus.Closed);
        recoveryCase.Timeline.Count.ShouldBe(eventsBefore);
    }

    [Fact]
    public void Nothing_more_can_be_recorded_on_a_resolved_case_until_it_is_reopened()
    {
        var recoveryCase = CaseActions.ResolvedCase();

        Should.Throw<DomainRuleException>(() => Perform(recoveryCase, "fix"));

        recoveryCase.Status.ShouldBe(CaseStatus.Resolved);
    }

    [Fact]
    public void Owner_of_a_closed_or_withdrawn_case_cannot_change()
    {
        var closed = CaseActions.ClosedCase();
        var withdrawn = CaseActions.WithdrawnCase();

        Should.Throw<DomainRuleException>(() => closed.AssignOwner("user-front-desk-2", "Omar Other", A.Manager, A.Now.AddDays(2)));
        Should.Throw<DomainRuleException>(() => withdrawn.AssignOwner("user-front-desk-2", "Omar Other", A.Manager, A.Now.AddDays(2)));

        closed.OwnerName.ShouldBe("Fiona Front");
        withdrawn.OwnerName.ShouldBe("Fiona Front");
    }

    [Fact]
    public void Case_is_owned_by_whoever_logged_it_until_the_owner_changes()
    {
        var recoveryCase = A.OpenCase();
        recoveryCase.OwnerName.ShouldBe("Fiona Front");

        recoveryCase.AssignOwner("user-manager", "Maya Manager", A.Manager, A.Now.AddMinutes(5));

        recoveryCase.OwnerId.ShouldBe("user-manager");
        recoveryCase.OwnerName.ShouldBe("Maya Manager");
        recoveryCase.Timeline[^1].Kind.ShouldBe(TimelineEventKind.OwnerChanged);
    }

    public static TheoryData<string> EveryRecordingAction =>
    [
        "apology", "fix", "contact", "gesture", "improvement", "lesson", "follow-up", "return", "skip", "withdraw",
    ];

    private static void Perform(RecoveryCase recoveryCase, string action)
    {
        var at = A.Now.AddDays(10);
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        switch (action)
        {
            case "apology":
                recoveryCase.RecordApology(A.Manager, A.Manager.Name, ApologyMethod.Phone, at, at);
                break;
            case "fix":
                recoveryCase.RecordFix(A.Manager, "Refunded the overcharge.", at);
                break;
            case "contact":
                recoveryCase.RecordContact(A.Manager, ContactMethod.Letter, at, "Wrote to apologise again.", at);
                break;
            case "gesture":
                recoveryCase.GiveGesture(A.Manager, GestureKind.Gift, 10m, null, GestureLimits.Default, at);
                break;
            case "improvement":
                recoveryCase.LinkImprovement(A.ImprovementFor(recoveryCase.PracticeId, "Another improvement"), A.Manager, at);
                break;
            case "lesson":
                recoveryCase.RecordLesson(A.Manager, "A lesson too late.", at);
                break;
            case "follow-up":
                recoveryCase.PlanFollowUp(A.Manager, day.AddDays(7), FollowUpMethod.Call, A.Locale, at);
                break;
            case "return":
                recoveryCase.RecordReturn(A.Manager, day, "Check-up", A.Locale, at);
                break;
            case "skip":
                recoveryCase.Skip(ServiceStep.ExtendOutcome, "Patient moved away", A.Manager, at);
                break;
            case "withdraw":
                recoveryCase.Withdraw(A.Manager, "Duplicate", at);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action));
        }
    }
}
