namespace ServiceRecovery.Domain.Tests.Common;

public class BoundedTextTests
{
    [Fact]
    public void Names_that_fit_are_all_shown()
    {
        BoundedText.Names("emailed ", ["Mia Chen", "Sam Patel", "Ada Jones"], 100).ShouldBe("emailed Mia Chen, Sam Patel, Ada Jones");
        BoundedText.Names("emailed ", ["Mia Chen"], 100).ShouldBe("emailed Mia Chen");
    }

    [Fact]
    public void Names_that_do_not_fit_end_with_and_so_many_others_within_the_limit()
    {
        var names = Enumerable.Range(1, 40).Select(i => $"Person number {i:00}").ToList();

        var text = BoundedText.Names("emailed ", names, 100);

        text.Length.ShouldBeLessThanOrEqualTo(100);
        text.ShouldStartWith("emailed Person number 01, Person number 02");
        var shown = text.Split(", ").Length;
        text.ShouldEndWith($" and {40 - shown} others");
    }

    [Fact]
    public void When_not_even_one_name_fits_the_text_says_how_many_people()
    {
        BoundedText.Names("emailed ", [new string('x', 50), "Mia Chen"], 30).ShouldBe("emailed 2 people");
        BoundedText.Names("emailed ", [new string('x', 50), "Mia Chen-Featherstonehaugh"], 75).ShouldBe("emailed " + new string('x', 50) + " and 1 other");
    }

    [Fact]
    public void Free_text_longer_than_its_column_is_cut_with_an_ellipsis()
    {
        BoundedText.Fit("short", 10).ShouldBe("short");
        var cut = BoundedText.Fit(new string('a', 50), 20);
        cut.Length.ShouldBe(20);
        cut.ShouldEndWith("…");
    }

    [Fact]
    public void An_escalation_to_many_people_with_long_names_fits_the_timeline_entry()
    {
        var recoveryCase = Builders.A.Case().Build();
        var names = Enumerable.Range(1, 40).Select(i => $"Manager {i:00} " + new string('x', Limits.Name - 11)).ToList();

        recoveryCase.EscalateOverdueApology(new Actor("system", "ServiceRecovery reminders", StaffRole.Administrator), names,
            recoveryCase.Steps.SaySorry.DueAt.AddMinutes(5)).ShouldBeTrue();

        var detail = recoveryCase.Timeline[^1].Detail;
        detail.Length.ShouldBeLessThanOrEqualTo(TimelineEvent.MaxDetailLength);
        detail.ShouldStartWith("Say sorry overdue by 5 min: emailed Manager 01 ");
        detail.ShouldMatch(@" and \d+ others$");
    }
}
