using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

/// <summary>When a defect happened: the domain's rule for every way a case is opened, refused beside its field.</summary>
public class WhenItHappenedTests
{
    private static ServiceDefect LogAt(Practice practice, DateTimeOffset occurredAt) =>
        ServiceDefect.Log(practice.Id, Guid.CreateVersion7(), practice.Stages[0], null, Severity.Minor, DefectChannel.InPerson,
            occurredAt, "The wait was long.", A.FrontDesk, A.Now);

    [Fact]
    public void A_defect_in_the_future_is_refused_beside_when_it_happened()
    {
        var refusal = Should.Throw<DomainRuleException>(() => LogAt(A.Practice(), A.Now.AddMinutes(5)));

        (refusal.Field, refusal.Message).ShouldBe(("OccurredAt", "When it happened cannot be in the future."));
    }

    [Fact]
    public void A_card_whose_time_is_in_the_future_is_refused_too()
    {
        var practice = A.Practice();

        var refusal = Should.Throw<DomainRuleException>(() =>
            ServiceDefect.FromCommentCard(practice.Id, null, null, CommentCardRating.Poor, A.Now.AddHours(2), "Late.", A.Now));

        refusal.Field.ShouldBe("OccurredAt");
    }

    [Fact]
    public void A_reception_clock_a_minute_ahead_still_logs_the_defect()
    {
        LogAt(A.Practice(), A.Now.AddSeconds(50)).OccurredAt.ShouldBe(A.Now.AddSeconds(50));
    }

    [Fact]
    public void A_defect_more_than_two_years_ago_is_refused_beside_when_it_happened()
    {
        var refusal = Should.Throw<DomainRuleException>(() => LogAt(A.Practice(), A.Now.AddYears(-2).AddMinutes(-1)));

        (refusal.Field, refusal.Message).ShouldBe(("OccurredAt", "When it happened must be within the last two years."));
        LogAt(A.Practice(), A.Now.AddYears(-2).AddMinutes(1)).OccurredAt.ShouldBe(A.Now.AddYears(-2).AddMinutes(1));
    }

    [Fact]
    public void A_cards_visit_today_at_the_practice_happened_just_now_and_an_earlier_one_at_midday_there()
    {
        var locale = A.Practice().Locale;
        var today = locale.DateAt(A.Now);

        ServiceDefect.CommentCardVisitAt(null, locale, A.Now).ShouldBe(A.Now);
        ServiceDefect.CommentCardVisitAt(today, locale, A.Now).ShouldBe(A.Now);
        // 10 March 2026 20:00 in Sydney: 8 March at noon there is 01:00 UTC on the 8th (daylight time, +11).
        ServiceDefect.CommentCardVisitAt(today.AddDays(-2), locale, A.Now).ShouldBe(new DateTimeOffset(2026, 3, 8, 1, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-91)]
    public void A_cards_visit_after_today_or_more_than_90_days_ago_at_the_practice_is_refused_beside_the_day(int days)
    {
        var locale = A.Practice().Locale;

        var refusal = Should.Throw<DomainRuleException>(() => ServiceDefect.CommentCardVisitAt(locale.DateAt(A.Now).AddDays(days), locale, A.Now));

        (refusal.Field, refusal.Message).ShouldBe(("VisitDate", "Choose a day from the last 90 days, up to today."));
    }

    [Fact]
    public void A_cards_visit_90_days_ago_still_counts()
    {
        var locale = A.Practice().Locale;

        ServiceDefect.CommentCardVisitAt(locale.DateAt(A.Now).AddDays(-90), locale, A.Now).ShouldBeLessThan(A.Now);
    }
}
