using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

public class ServiceDefectTests
{
    private static ServiceDefect Log(Practice practice, CxStage stage, DefectCategory? category = null,
        DateTimeOffset? occurredAt = null, string description = "The bill was wrong.") =>
        ServiceDefect.Log(practice.Id, Guid.CreateVersion7(), stage, category, Severity.Major, DefectChannel.Phone,
            occurredAt ?? A.Now.AddHours(-1), description, A.FrontDesk, A.Now);

    [Fact]
    public void A_case_keeps_its_defects_severity_stage_and_category_on_its_own_row()
    {
        var practice = A.Practice();
        var defect = A.DefectIn(practice, A.Now.AddMinutes(-30), A.Now);

        var recoveryCase = RecoveryCase.Open(practice, new CaseReference(2026, 7), defect, A.FrontDesk, A.Now);

        (recoveryCase.Severity, recoveryCase.StageId, recoveryCase.CategoryId).ShouldBe((defect.Severity, defect.StageId, defect.CategoryId));
        recoveryCase.StageId.ShouldBe(practice.Stages[3].Id);
    }

    [Fact]
    public void A_defect_remembers_where_how_and_who_logged_it()
    {
        var practice = A.Practice();
        var stage = practice.Stages[5];
        var category = practice.Categories[4];

        var defect = Log(practice, stage, category, description: "  Charged twice for the clean.  ");

        defect.PracticeId.ShouldBe(practice.Id);
        defect.StageId.ShouldBe(stage.Id);
        defect.CategoryId.ShouldBe(category.Id);
        defect.Severity.ShouldBe(Severity.Major);
        defect.Channel.ShouldBe(DefectChannel.Phone);
        defect.OccurredAt.ShouldBe(A.Now.AddHours(-1));
        defect.Description.ShouldBe("Charged twice for the clean.");
        defect.LoggedByName.ShouldBe("Fiona Front");
        defect.LoggedAt.ShouldBe(A.Now);
    }

    [Fact]
    public void A_retired_stage_is_refused_for_a_new_defect()
    {
        var practice = A.Practice();
        var stage = practice.Stages[3];
        stage.Retire(A.Now.AddDays(-1));

        Should.Throw<DomainRuleException>(() => Log(practice, stage));
    }

    [Fact]
    public void A_stage_retired_later_stays_on_the_cases_that_already_use_it()
    {
        var practice = A.Practice();
        var stage = practice.Stages[3];
        var defect = Log(practice, stage);

        stage.Retire(A.Now.AddDays(1));

        defect.StageId.ShouldBe(stage.Id);
        practice.Stages.ShouldContain(stage);
    }

    [Fact]
    public void A_stage_of_another_practice_is_refused()
    {
        var practice = A.Practice();
        var otherPractice = A.Practice();

        Should.Throw<DomainRuleException>(() => Log(practice, otherPractice.Stages[0]));
    }

    [Fact]
    public void A_category_of_another_practice_is_refused()
    {
        var practice = A.Practice();
        var otherPractice = A.Practice();

        Should.Throw<DomainRuleException>(() => Log(practice, practice.Stages[0], otherPractice.Categories[0]));
    }

    [Fact]
    public void A_retired_category_is_refused_for_a_new_defect()
    {
        var practice = A.Practice();
        var category = practice.Categories[0];
        category.Retire(A.Now.AddDays(-1));

        Should.Throw<DomainRuleException>(() => Log(practice, practice.Stages[0], category));
    }

    [Fact]
    public void A_defect_may_have_no_category()
    {
        var practice = A.Practice();

        Log(practice, practice.Stages[0]).CategoryId.ShouldBeNull();
    }

    [Fact]
    public void A_defect_that_has_not_happened_yet_is_refused()
    {
        var practice = A.Practice();

        Should.Throw<DomainRuleException>(() => Log(practice, practice.Stages[0], occurredAt: A.Now.AddMinutes(5)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_defect_without_a_description_is_refused(string description)
    {
        var practice = A.Practice();

        Should.Throw<DomainRuleException>(() => Log(practice, practice.Stages[0], description: description));
    }

    [Fact]
    public void A_description_longer_than_the_limit_is_refused()
    {
        var practice = A.Practice();

        Should.NotThrow(() => Log(practice, practice.Stages[0], description: new string('x', Limits.Description)));
        Should.Throw<DomainRuleException>(() => Log(practice, practice.Stages[0], description: new string('x', Limits.Description + 1)));
    }

    [Fact]
    public void A_severity_or_channel_not_on_the_lists_is_refused()
    {
        var practice = A.Practice();

        Should.Throw<DomainRuleException>(() => ServiceDefect.Log(practice.Id, Guid.CreateVersion7(), practice.Stages[0], null,
            (Severity)0, DefectChannel.Phone, A.Now, "Something", A.FrontDesk, A.Now));
        Should.Throw<DomainRuleException>(() => ServiceDefect.Log(practice.Id, Guid.CreateVersion7(), practice.Stages[0], null,
            Severity.Minor, (DefectChannel)99, A.Now, "Something", A.FrontDesk, A.Now));
    }

    [Fact]
    public void A_case_cannot_be_opened_in_one_practice_for_a_defect_of_another()
    {
        var practice = A.Practice();
        var otherPractice = A.Practice();
        var defect = Log(otherPractice, otherPractice.Stages[0]);

        Should.Throw<DomainRuleException>(() => RecoveryCase.Open(practice, new CaseReference(2026, 1), defect, A.FrontDesk, A.Now));
    }

    [Fact]
    public void Opening_a_case_with_an_idempotency_key_keeps_it()
    {
        var practice = A.Practice();
        var key = Guid.NewGuid();

        var recoveryCase = RecoveryCase.Open(practice, new CaseReference(2026, 1), Log(practice, practice.Stages[0]), A.FrontDesk, A.Now, key);

        recoveryCase.IdempotencyKey.ShouldBe(key);
        recoveryCase.PracticeId.ShouldBe(practice.Id);
    }
}
