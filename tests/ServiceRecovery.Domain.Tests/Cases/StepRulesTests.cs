using System.Globalization;

using ServiceRecovery.Domain.Tests.Builders;

namespace ServiceRecovery.Domain.Tests.Cases;

/// <summary>
/// The date, amount and state rules of the SERVICE steps: each refusal names the form field it is about, so the
/// message lands beside that field, and dates are the practice's own (Sydney here, where 14:00 UTC is already tomorrow).
/// </summary>
public class StepRulesTests
{
    /// <summary>10 March 2026, 14:00 UTC: 01:00 on 11 March in Sydney.</summary>
    private static readonly DateTimeOffset SydneyPastMidnight = new(2026, 3, 10, 14, 0, 0, TimeSpan.Zero);

    private static DomainRuleException Refused(Action change) => Should.Throw<DomainRuleException>(change);

    // ---- Say sorry ----------------------------------------------------------------------------

    [Fact]
    public void An_apology_typed_for_the_minute_the_defect_happened_is_accepted_and_takes_no_time()
    {
        var occurredAt = new DateTimeOffset(2026, 3, 10, 8, 30, 40, TimeSpan.Zero);
        var recoveryCase = A.Case().DefectOccurredAt(occurredAt).Build();

        recoveryCase.RecordApology(A.FrontDesk, A.FrontDesk.Name, ApologyMethod.InPerson, occurredAt.AddSeconds(-40), A.Now);

        recoveryCase.Apologies.Count.ShouldBe(1);
        recoveryCase.FirstApologyAt.ShouldBe(occurredAt);
        recoveryCase.TimeToApology.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void An_apology_the_minute_before_the_defect_is_refused_beside_when_it_was_made()
    {
        var occurredAt = new DateTimeOffset(2026, 3, 10, 8, 30, 40, TimeSpan.Zero);
        var recoveryCase = A.Case().DefectOccurredAt(occurredAt).Build();

        var refusal = Refused(() => recoveryCase.RecordApology(A.FrontDesk, A.FrontDesk.Name, ApologyMethod.InPerson, occurredAt.AddSeconds(-41), A.Now));

        (refusal.Field, refusal.Message).ShouldBe(("ApologisedAt", "The apology cannot be before the defect happened."));
        recoveryCase.Apologies.ShouldBeEmpty();
    }

    [Fact]
    public void An_apology_in_the_future_is_refused_beside_when_it_was_made()
    {
        var recoveryCase = A.OpenCase();

        var refusal = Refused(() => recoveryCase.RecordApology(A.FrontDesk, A.FrontDesk.Name, ApologyMethod.InPerson, A.Now.AddMinutes(2), A.Now));

        (refusal.Field, refusal.Message).ShouldBe(("ApologisedAt", "The apology cannot be in the future."));
    }

    // ---- Respond ------------------------------------------------------------------------------

    [Fact]
    public void A_contact_in_the_future_is_refused_beside_when_it_was_made()
    {
        var recoveryCase = A.OpenCase();

        var refusal = Refused(() => recoveryCase.RecordContact(A.FrontDesk, ContactMethod.Call, A.Now.AddMinutes(2), "Called.", A.Now));

        (refusal.Field, refusal.Message).ShouldBe(("ContactedAt", "The contact cannot be in the future."));
        recoveryCase.Contacts.ShouldBeEmpty();
    }

    [Fact]
    public void A_contact_up_to_a_day_before_the_case_was_opened_is_accepted()
    {
        var recoveryCase = A.Case().DefectOccurredAt(A.Now.AddDays(-2)).Build();

        recoveryCase.RecordContact(A.FrontDesk, ContactMethod.Call, A.Now.AddDays(-1), "Called the evening before.", A.Now);

        recoveryCase.Contacts.Count.ShouldBe(1);
    }

    [Fact]
    public void A_contact_more_than_a_day_before_the_case_was_opened_is_refused_beside_when_it_was_made()
    {
        var recoveryCase = A.Case().DefectOccurredAt(A.Now.AddDays(-2)).Build();

        var refusal = Refused(() => recoveryCase.RecordContact(A.FrontDesk, ContactMethod.Call, A.Now.AddDays(-1).AddMinutes(-1), "Called.", A.Now));

        (refusal.Field, refusal.Message).ShouldBe(("ContactedAt", "The contact cannot be before the case was opened."));
        recoveryCase.Contacts.ShouldBeEmpty();
    }

    // ---- Victory ------------------------------------------------------------------------------

    [Theory]
    [InlineData("-5", "The cost cannot be negative.")]
    [InlineData("100000.01", "The cost must be at most 100,000.")]
    [InlineData("12.345", "Enter the cost in dollars and cents, e.g. 45.50.")]
    public void A_gesture_of_a_cost_no_gesture_can_have_is_refused_beside_the_cost(string amount, string message)
    {
        var recoveryCase = A.OpenCase();

        var refusal = Refused(() => recoveryCase.GiveGesture(A.Manager, GestureKind.Refund, decimal.Parse(amount, CultureInfo.InvariantCulture), null, GestureLimits.Default, A.Now));

        (refusal.Field, refusal.Message).ShouldBe(("Amount", message));
        recoveryCase.Gestures.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("45.50")]
    [InlineData("100000")]
    public void A_gesture_costing_from_nothing_to_the_most_any_gesture_may_cost_is_given(string amount)
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.GiveGesture(A.Manager, GestureKind.Refund, decimal.Parse(amount, CultureInfo.InvariantCulture), null, GestureLimits.Default, A.Now);

        recoveryCase.Gestures.Single().State.ShouldBe(GestureState.Given);
    }

    // ---- Communicate results ------------------------------------------------------------------

    private static RecoveryCase CaseWithALesson(DateTimeOffset openedAt)
    {
        var recoveryCase = A.Case().DefectOccurredAt(openedAt.AddMinutes(-30)).OpenedAt(openedAt).Build();
        recoveryCase.RecordLesson(A.Manager, "Warn patients as soon as the book runs late.", openedAt.AddMinutes(5));
        return recoveryCase;
    }

    [Fact]
    public void A_huddle_today_at_the_practice_is_accepted_while_it_is_still_yesterday_in_utc()
    {
        var recoveryCase = CaseWithALesson(A.Now);

        recoveryCase.MarkLessonsShared(A.Manager, new DateOnly(2026, 3, 11), A.Locale, SydneyPastMidnight);

        recoveryCase.Lessons.Single().SharedOn.ShouldBe(new DateOnly(2026, 3, 11));
    }

    [Fact]
    public void A_huddle_after_today_at_the_practice_is_refused_beside_the_huddle_date()
    {
        var recoveryCase = CaseWithALesson(A.Now);

        var refusal = Refused(() => recoveryCase.MarkLessonsShared(A.Manager, new DateOnly(2026, 3, 12), A.Locale, SydneyPastMidnight));

        (refusal.Field, refusal.Message).ShouldBe(("HuddleDate", "The huddle date cannot be in the future."));
        recoveryCase.Steps.Communicate.IsSettled.ShouldBeFalse();
    }

    [Fact]
    public void A_huddle_before_the_day_the_case_was_opened_at_the_practice_is_refused_beside_the_huddle_date()
    {
        // Opened at 14:00 UTC on 10 March: already 11 March in Sydney.
        var recoveryCase = CaseWithALesson(SydneyPastMidnight);

        var refusal = Refused(() => recoveryCase.MarkLessonsShared(A.Manager, new DateOnly(2026, 3, 10), A.Locale, SydneyPastMidnight.AddDays(1)));

        (refusal.Field, refusal.Message).ShouldBe(("HuddleDate", "The huddle cannot be before the case was opened."));
        recoveryCase.Steps.Communicate.IsSettled.ShouldBeFalse();
    }

    // ---- Extend the outcome -------------------------------------------------------------------

    [Fact]
    public void A_follow_up_for_today_at_the_practice_and_one_a_year_ahead_are_planned_while_it_is_still_yesterday_in_utc()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.PlanFollowUp(A.FrontDesk, new DateOnly(2026, 3, 11), FollowUpMethod.Call, A.Locale, SydneyPastMidnight);
        recoveryCase.PlanFollowUp(A.FrontDesk, new DateOnly(2027, 3, 11), FollowUpMethod.Letter, A.Locale, SydneyPastMidnight);

        recoveryCase.FollowUps.Select(f => f.PlannedFor).ShouldBe([new DateOnly(2026, 3, 11), new DateOnly(2027, 3, 11)]);
    }

    [Theory]
    [InlineData("2026-03-10")]
    [InlineData("2027-03-12")]
    public void A_follow_up_before_today_at_the_practice_or_over_a_year_ahead_is_refused_beside_its_date(string plannedFor)
    {
        var recoveryCase = A.OpenCase();

        var refusal = Refused(() => recoveryCase.PlanFollowUp(A.FrontDesk, DateOnly.Parse(plannedFor, CultureInfo.InvariantCulture), FollowUpMethod.Call, A.Locale, SydneyPastMidnight));

        (refusal.Field, refusal.Message).ShouldBe(("PlannedFor", "Plan the follow-up for today or a day within the next year."));
        recoveryCase.FollowUps.ShouldBeEmpty();
    }

    [Fact]
    public void The_day_of_the_defect_at_the_practice_is_a_valid_return_date_even_when_utc_is_a_day_earlier()
    {
        // 14:30 UTC on 9 March is 01:30 on 10 March in Sydney.
        var recoveryCase = A.Case().DefectOccurredAt(new DateTimeOffset(2026, 3, 9, 14, 30, 0, TimeSpan.Zero)).Build();

        recoveryCase.RecordReturn(A.FrontDesk, new DateOnly(2026, 3, 10), "Check-up", A.Locale, A.Now);

        recoveryCase.FirstReturnOn.ShouldBe(new DateOnly(2026, 3, 10));
    }

    [Fact]
    public void A_return_before_the_day_of_the_defect_at_the_practice_is_refused_beside_the_return_date()
    {
        // The defect's UTC date is 9 March; at the practice it was already 10 March.
        var recoveryCase = A.Case().DefectOccurredAt(new DateTimeOffset(2026, 3, 9, 14, 30, 0, TimeSpan.Zero)).Build();

        var refusal = Refused(() => recoveryCase.RecordReturn(A.FrontDesk, new DateOnly(2026, 3, 9), "Check-up", A.Locale, A.Now));

        (refusal.Field, refusal.Message).ShouldBe(("ReturnedOn", "The return date cannot be before the defect happened."));
        recoveryCase.Returns.ShouldBeEmpty();
    }

    [Fact]
    public void A_return_today_at_the_practice_is_accepted_while_it_is_still_yesterday_in_utc()
    {
        var recoveryCase = A.OpenCase();

        recoveryCase.RecordReturn(A.FrontDesk, new DateOnly(2026, 3, 11), "Check-up", A.Locale, SydneyPastMidnight);

        recoveryCase.FirstReturnOn.ShouldBe(new DateOnly(2026, 3, 11));
    }

    [Fact]
    public void A_return_after_today_at_the_practice_is_refused_beside_the_return_date()
    {
        var recoveryCase = A.OpenCase();

        var refusal = Refused(() => recoveryCase.RecordReturn(A.FrontDesk, new DateOnly(2026, 3, 12), "Check-up", A.Locale, SydneyPastMidnight));

        (refusal.Field, refusal.Message).ShouldBe(("ReturnedOn", "The return date cannot be in the future."));
        recoveryCase.Returns.ShouldBeEmpty();
    }

    // ---- Implement improvements ---------------------------------------------------------------

    [Theory]
    [InlineData("2026-03-10")]
    [InlineData("2028-03-11")]
    public void An_improvement_due_from_the_day_before_today_at_the_practice_to_two_years_ahead_is_proposed(string dueOn)
    {
        var improvement = Improvement.Propose(Guid.NewGuid(), "Check bills before printing", null, null, null,
            DateOnly.Parse(dueOn, CultureInfo.InvariantCulture), A.Locale, SydneyPastMidnight);

        improvement.DueOn.ShouldBe(DateOnly.Parse(dueOn, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2026-03-09")]
    [InlineData("2028-03-12")]
    public void An_improvement_due_long_ago_or_over_two_years_ahead_is_refused_beside_its_due_date(string dueOn)
    {
        var refusal = Refused(() => Improvement.Propose(Guid.NewGuid(), "Check bills before printing", null, null, null,
            DateOnly.Parse(dueOn, CultureInfo.InvariantCulture), A.Locale, SydneyPastMidnight));

        (refusal.Field, refusal.Message).ShouldBe(("DueOn", "Choose a due date from today to two years ahead."));
    }
}
