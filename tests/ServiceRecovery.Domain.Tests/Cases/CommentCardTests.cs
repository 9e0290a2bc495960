using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

/// <summary>A patient's comment card opens a case that nobody owns until staff triage it.</summary>
public class CommentCardTests
{
    private static ServiceDefect Card(Practice practice, Guid? patientId = null, CxStage? stage = null,
        CommentCardRating rating = CommentCardRating.Poor, string description = "Nobody told me the dentist was running late.") =>
        ServiceDefect.FromCommentCard(practice.Id, patientId, stage, rating, A.Now.AddMinutes(-5), description, A.Now);

    private static RecoveryCase Open(Practice practice, ServiceDefect defect, CommentCardRating rating = CommentCardRating.Poor) =>
        RecoveryCase.OpenFromCommentCard(practice, new CaseReference(2026, 7), defect, rating, A.Now, Guid.NewGuid());

    [Theory]
    [InlineData(CommentCardRating.VeryPoor, Severity.Major)]
    [InlineData(CommentCardRating.Poor, Severity.Moderate)]
    [InlineData(CommentCardRating.Okay, Severity.Minor)]
    [InlineData(CommentCardRating.Good, Severity.Minor)]
    [InlineData(CommentCardRating.VeryGood, Severity.Minor)]
    public void The_rating_sets_the_severity_and_the_card_never_calls_anything_critical(CommentCardRating rating, Severity expected)
    {
        var defect = Card(A.Practice(), rating: rating);

        defect.Severity.ShouldBe(expected);
    }

    [Fact]
    public void A_card_reached_us_by_comment_card_and_was_logged_by_the_card()
    {
        var practice = A.Practice();

        var defect = Card(practice, stage: practice.Stages[3], description: "  Waited an hour.  ");

        defect.Channel.ShouldBe(DefectChannel.CommentCard);
        defect.LoggedById.ShouldBe(Actor.CommentCard.UserId);
        defect.LoggedByName.ShouldBe("Comment card");
        defect.StageId.ShouldBe(practice.Stages[3].Id);
        defect.CategoryId.ShouldBeNull();
        defect.Description.ShouldBe("Waited an hour.");
    }

    [Fact]
    public void A_patient_who_does_not_want_to_be_contacted_stays_anonymous_and_may_be_unsure_of_the_stage()
    {
        var defect = Card(A.Practice(), patientId: null, stage: null);

        defect.IsAnonymous.ShouldBeTrue();
        defect.PatientId.ShouldBeNull();
        defect.StageId.ShouldBeNull();
    }

    [Fact]
    public void A_patient_who_may_be_contacted_is_on_the_defect()
    {
        var practice = A.Practice();
        var patient = A.PatientOf(practice);

        var defect = Card(practice, patientId: patient.Id);

        defect.IsAnonymous.ShouldBeFalse();
        defect.PatientId.ShouldBe(patient.Id);
    }

    [Fact]
    public void A_retired_stage_or_a_stage_of_another_practice_is_refused()
    {
        var practice = A.Practice();
        var retired = practice.Stages[2];
        retired.Retire(A.Now.AddDays(-1));

        Should.Throw<DomainRuleException>(() => Card(practice, stage: retired));
        Should.Throw<DomainRuleException>(() => Card(practice, stage: A.Practice().Stages[0]));
    }

    [Fact]
    public void An_unknown_rating_or_an_empty_description_is_refused()
    {
        var practice = A.Practice();

        Should.Throw<DomainRuleException>(() => Card(practice, rating: (CommentCardRating)9));
        Should.Throw<DomainRuleException>(() => Card(practice, description: "   "));
        Should.Throw<DomainRuleException>(() => Card(practice, description: new string('x', Limits.Description + 1)));
    }

    [Fact]
    public void A_comment_card_case_is_open_unassigned_and_written_by_the_card()
    {
        var practice = A.Practice();
        var defect = Card(practice, rating: CommentCardRating.VeryPoor);

        var recoveryCase = Open(practice, defect, CommentCardRating.VeryPoor);

        recoveryCase.Status.ShouldBe(CaseStatus.Open);
        recoveryCase.OwnerId.ShouldBeNull();
        recoveryCase.OwnerName.ShouldBeNull();
        recoveryCase.CurrentStep.ShouldBe(ServiceStep.SaySorry);
        recoveryCase.Steps.SaySorry.DueAt.ShouldBe(A.Now + practice.DueTimes.For(ServiceStep.SaySorry));
        var opened = recoveryCase.Timeline.ShouldHaveSingleItem();
        opened.Kind.ShouldBe(TimelineEventKind.CaseOpened);
        opened.ActorName.ShouldBe("Comment card");
        opened.Detail.ShouldBe("Case opened from the comment card: Major defect, visit rated very poor; the patient did not ask to be contacted; no owner yet");
    }

    [Fact]
    public void Staff_take_a_comment_card_case_by_setting_its_owner()
    {
        var practice = A.Practice();
        var recoveryCase = Open(practice, Card(practice));

        recoveryCase.AssignOwner(A.FrontDesk.UserId, A.FrontDesk.Name, A.FrontDesk, A.Now.AddMinutes(10));

        recoveryCase.OwnerName.ShouldBe(A.FrontDesk.Name);
        recoveryCase.Timeline[^1].Detail.ShouldBe($"Owner set to {A.FrontDesk.Name}");
    }

    [Fact]
    public void Only_a_comment_card_defect_opens_a_case_from_the_comment_card()
    {
        var practice = A.Practice();
        var defect = A.DefectIn(practice, A.Now.AddHours(-1), A.Now);

        Should.Throw<DomainRuleException>(() => Open(practice, defect));
    }

    [Fact]
    public void A_case_logged_by_staff_still_belongs_to_whoever_logged_it()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.OwnerName.ShouldNotBeNull();
        recoveryCase.Timeline.ShouldHaveSingleItem().ActorName.ShouldBe(recoveryCase.OwnerName);
    }
}
