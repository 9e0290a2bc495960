using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Surveys;

public class RecoverySurveyTests
{
    private static RecoverySurvey Issued() => RecoverySurvey.Issue(A.OpenCase(), Guid.NewGuid(), "a-token-of-the-link", A.Now);

    [Fact]
    public void An_answer_within_the_ranges_is_recorded_with_its_time_and_a_trimmed_comment()
    {
        var survey = Issued();

        survey.Answer(5, 4, 5, 9, "  Lovely, thank you.  ", A.Now.AddDays(1));

        survey.IsAnswered.ShouldBeTrue();
        survey.AnsweredAt.ShouldBe(A.Now.AddDays(1));
        (survey.OutcomeFair, survey.EasyAndQuick, survey.TreatedWithRespect, survey.Recommend).ShouldBe((5, 4, 5, 9));
        survey.Comment.ShouldBe("Lovely, thank you.");
        survey.Low.ShouldBeFalse();
        survey.Summary().ShouldBe("Survey answered: outcome 5/5, ease 4/5, respect 5/5, recommend 9/10");
    }

    [Fact]
    public void A_survey_is_answered_once_and_a_second_answer_changes_nothing()
    {
        var survey = Issued();
        survey.Answer(5, 5, 5, 10, "First", A.Now.AddHours(1));

        var refused = Should.Throw<DomainRuleException>(() => survey.Answer(1, 1, 1, 0, "Second", A.Now.AddHours(2)));

        refused.Message.ShouldBe(RecoverySurvey.AlreadyAnswered);
        (survey.OutcomeFair, survey.Recommend, survey.Comment, survey.AnsweredAt).ShouldBe((5, 10, "First", A.Now.AddHours(1)));
    }

    [Theory]
    [InlineData(0, 3, 3, 5, nameof(RecoverySurvey.OutcomeFair))]
    [InlineData(6, 3, 3, 5, nameof(RecoverySurvey.OutcomeFair))]
    [InlineData(null, 3, 3, 5, nameof(RecoverySurvey.OutcomeFair))]
    [InlineData(3, 0, 3, 5, nameof(RecoverySurvey.EasyAndQuick))]
    [InlineData(3, 6, 3, 5, nameof(RecoverySurvey.EasyAndQuick))]
    [InlineData(3, 3, 0, 5, nameof(RecoverySurvey.TreatedWithRespect))]
    [InlineData(3, 3, 6, 5, nameof(RecoverySurvey.TreatedWithRespect))]
    [InlineData(3, 3, 3, -1, nameof(RecoverySurvey.Recommend))]
    [InlineData(3, 3, 3, 11, nameof(RecoverySurvey.Recommend))]
    [InlineData(3, 3, 3, null, nameof(RecoverySurvey.Recommend))]
    public void An_answer_outside_its_range_is_refused_naming_its_field_and_nothing_is_recorded(int? fair, int? easy, int? respect, int? recommend, string field)
    {
        var survey = Issued();

        var refused = Should.Throw<DomainRuleException>(() => survey.Answer(fair, easy, respect, recommend, null, A.Now));

        refused.Field.ShouldBe(field);
        survey.IsAnswered.ShouldBeFalse();
    }

    [Theory]
    [InlineData(1, 1, 1, 0)]
    [InlineData(5, 5, 5, 10)]
    public void The_ends_of_each_range_are_accepted(int fair, int easy, int respect, int recommend)
    {
        var survey = Issued();

        survey.Answer(fair, easy, respect, recommend, null, A.Now);

        survey.IsAnswered.ShouldBeTrue();
    }

    [Fact]
    public void A_comment_longer_than_the_limit_is_refused()
    {
        var survey = Issued();

        var refused = Should.Throw<DomainRuleException>(() => survey.Answer(3, 3, 3, 7, new string('x', RecoverySurvey.MaxComment + 1), A.Now));

        refused.Field.ShouldBe(nameof(RecoverySurvey.Comment));
        survey.IsAnswered.ShouldBeFalse();
    }

    [Fact]
    public void A_survey_expires_at_the_end_of_its_lifetime_and_then_refuses_an_answer()
    {
        var survey = Issued();
        var end = A.Now + RecoverySurvey.Lifetime;

        survey.ExpiresAt.ShouldBe(end);
        survey.IsExpired(end.AddTicks(-1)).ShouldBeFalse();
        survey.IsExpired(end).ShouldBeTrue();
        Should.Throw<DomainRuleException>(() => survey.Answer(5, 5, 5, 10, null, end)).Message.ShouldBe(RecoverySurvey.Expired);
        survey.IsAnswered.ShouldBeFalse();
    }

    [Fact]
    public void An_answer_a_moment_before_expiry_is_still_recorded()
    {
        var survey = Issued();

        survey.Answer(4, 4, 4, 8, null, survey.ExpiresAt.AddTicks(-1));

        survey.IsAnswered.ShouldBeTrue();
    }

    [Theory]
    [InlineData(2, 5, 5, 10, true)]
    [InlineData(3, 5, 5, 10, false)]
    [InlineData(5, 2, 5, 10, true)]
    [InlineData(5, 3, 5, 10, false)]
    [InlineData(5, 5, 2, 10, true)]
    [InlineData(5, 5, 3, 10, false)]
    [InlineData(5, 5, 5, 6, true)]
    [InlineData(5, 5, 5, 7, false)]
    public void An_answer_is_low_at_2_or_below_on_a_question_or_6_or_below_on_recommend(int fair, int easy, int respect, int recommend, bool low)
    {
        var survey = Issued();

        survey.Answer(fair, easy, respect, recommend, null, A.Now);

        survey.Low.ShouldBe(low);
        survey.IsLow.ShouldBe(low);
    }

    [Fact]
    public void An_unanswered_survey_is_not_low()
    {
        Issued().IsLow.ShouldBeFalse();
    }

    [Fact]
    public void Only_the_hash_of_the_token_is_kept()
    {
        var survey = Issued();

        survey.TokenHash.ShouldBe(SecretToken.Hash("a-token-of-the-link"));
        survey.TokenHash.ShouldNotContain("a-token-of-the-link");
    }
}
