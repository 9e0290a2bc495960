using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

public class ImprovementStatusTests
{
    private static Improvement OwnedBy(Actor owner) =>
        Improvement.Propose(Guid.NewGuid(), "Call waiting patients when the book runs late", null, owner.UserId, owner.Name, new DateOnly(2026, 4, 1), A.Locale, A.Now);

    [Fact]
    public void The_owner_moves_their_improvement_along_and_the_change_says_who_when_from_and_to()
    {
        var improvement = OwnedBy(A.FrontDesk);

        var change = improvement.MoveTo(ImprovementStatus.InProgress, A.FrontDesk, A.Now.AddHours(1));

        improvement.Status.ShouldBe(ImprovementStatus.InProgress);
        change.ShouldBe(new ImprovementStatusChange(ImprovementStatus.Proposed, ImprovementStatus.InProgress, A.FrontDesk, A.Now.AddHours(1)));
        change!.Describe(improvement.Title).ShouldBe("Improvement \"Call waiting patients when the book runs late\": Proposed → In progress");
        improvement.StatusChangedByName.ShouldBe(A.FrontDesk.Name);
        improvement.StatusChangedAt.ShouldBe(A.Now.AddHours(1));
    }

    [Fact]
    public void A_practice_manager_may_change_any_improvements_status()
    {
        var improvement = OwnedBy(A.FrontDesk);

        improvement.MoveTo(ImprovementStatus.Done, A.Manager, A.Now);

        improvement.Status.ShouldBe(ImprovementStatus.Done);
        improvement.MayChangeStatus(A.Administrator).ShouldBeTrue();
    }

    [Fact]
    public void Front_desk_staff_who_do_not_own_the_improvement_cannot_change_its_status()
    {
        var improvement = OwnedBy(A.FrontDesk);

        var refused = Should.Throw<DomainRuleException>(() => improvement.MoveTo(ImprovementStatus.Done, A.OtherFrontDesk, A.Now));

        refused.Message.ShouldBe("Only the improvement's owner or a practice manager can change its status.");
        improvement.Status.ShouldBe(ImprovementStatus.Proposed);
        improvement.MayChangeStatus(A.OtherFrontDesk).ShouldBeFalse();
        improvement.StatusChangedByName.ShouldBeNull();
    }

    [Fact]
    public void An_improvement_with_no_owner_is_moved_by_a_manager_only()
    {
        var improvement = Improvement.Propose(Guid.NewGuid(), "Check bills before printing", null, null, null, null, A.Locale, A.Now);

        Should.Throw<DomainRuleException>(() => improvement.MoveTo(ImprovementStatus.InProgress, A.FrontDesk, A.Now));
        improvement.MoveTo(ImprovementStatus.InProgress, A.Manager, A.Now).ShouldNotBeNull();
    }

    [Fact]
    public void Choosing_the_status_it_already_has_changes_nothing()
    {
        var improvement = OwnedBy(A.Manager);

        improvement.MoveTo(ImprovementStatus.Proposed, A.Manager, A.Now).ShouldBeNull();

        improvement.StatusChangedAt.ShouldBeNull();
    }
}
