namespace ServiceRecovery.Domain.Tests.Practices;

public sealed class WelcomeGestureListTests
{
    [Fact]
    public void A_new_practice_starts_with_the_shipped_gestures()
    {
        var practice = Builders.A.Practice();

        practice.WelcomeGestureOptions.ShouldBe(WelcomeGestureList.Defaults);
    }

    [Fact]
    public void The_list_is_kept_one_gesture_per_line_in_the_order_typed_without_blank_lines()
    {
        var practice = Builders.A.Practice();

        practice.ChangeWelcomeGestures("Coffee voucher\r\n\r\n  Priority booking  \nHandwritten card");

        practice.WelcomeGestureOptions.ShouldBe(["Coffee voucher", "Priority booking", "Handwritten card"]);
    }

    [Fact]
    public void A_repeated_line_is_refused_naming_both_lines()
    {
        var refused = Should.Throw<DomainRuleException>(() => WelcomeGestureList.Check("Coffee\nCard\ncoffee"));

        refused.Field.ShouldBe(WelcomeGestureList.Field);
        refused.Message.ShouldBe("Line 3 repeats line 1.");
    }

    [Fact]
    public void An_empty_list_a_long_line_or_too_many_lines_are_refused()
    {
        Should.Throw<DomainRuleException>(() => WelcomeGestureList.Check(" \n "));
        Should.Throw<DomainRuleException>(() => WelcomeGestureList.Check(new string('x', WelcomeGestureList.MaxLength + 1))).Message.ShouldContain("Line 1");
        Should.Throw<DomainRuleException>(() => WelcomeGestureList.Check(string.Join('\n', Enumerable.Range(1, WelcomeGestureList.MaxItems + 1).Select(i => $"Gesture {i}"))));
    }
}
