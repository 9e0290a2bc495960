using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>The front desk's home page, with its welcome-back list, costs a fixed few database commands while its lists are kept.</summary>
public sealed class HomePageCostTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    // The session check and the person's practices (their time zones name the day of the kept welcome-back list); the open
    // cases, their counts and the welcome-back list come from what is kept per practice.
    private const int Budget = 2;

    [Fact]
    public async Task The_home_page_with_a_welcome_back_list_runs_two_commands_while_its_lists_are_kept()
    {
        var p = await HuddlePractice.CreateAsync(fixture, "Cost Home Dental");
        for (var i = 0; i < 3; i++)
        {
            await p.BookAsync(await p.OpenCaseAsync(4, TimeSpan.FromDays(2), patientName: $"Costly Patient {i}"), HuddlePractice.At(1, 9 + i));
        }

        using var frontDesk = await fixture.SignInAsync(p.FrontDeskEmail);
        var first = await frontDesk.GetPageAsync("/");
        first.QuerySelectorAll("[data-testid=welcome-back-row]").Length.ShouldBe(3);
        first.QuerySelector("[data-testid=open-counts]")!.TextContent.ShouldContain("3 open");

        fixture.App.Commands.Reset();
        var kept = await frontDesk.GetPageAsync("/");

        kept.QuerySelectorAll("[data-testid=welcome-back-row]").Length.ShouldBe(3);
        kept.QuerySelector("[data-testid=open-counts]")!.TextContent.ShouldContain("3 open");
        fixture.App.Commands.Count.ShouldBeLessThanOrEqualTo(Budget, string.Join("\n", fixture.App.Commands.Texts));
    }
}
