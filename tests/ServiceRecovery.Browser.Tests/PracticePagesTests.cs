using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static ServiceRecovery.Browser.Tests.BrowserSteps;

namespace ServiceRecovery.Browser.Tests;

/// <summary>
/// The manager's pages and the huddle board on the demo practice, with its two hundred cases at every step:
/// filtering and exporting the queue, accessibility of every page, and the board on a 1920×1080 TV.
/// </summary>
public sealed partial class PracticePagesTests(DemoBrowserFixture fixture) : IClassFixture<DemoBrowserFixture>
{
    private static readonly ViewportSize Tv = new() { Width = 1920, Height = 1080 };

    [Fact]
    public async Task Manager_filters_the_queue_by_step_and_downloads_that_list_as_CSV()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, DemoBrowserFixture.Manager, DemoBrowserFixture.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Queue", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("queue")).ToBeVisibleAsync();
        // Opened from the menu, nothing was asked of the user, so there is nothing to complain about (checked at the end).
        var errorsOnOpening = await page.Locator("#error-summary").IsVisibleAsync() ? await page.Locator("#error-summary").InnerTextAsync() : null;

        // The step list says how many open cases each step has: that is what the filter must find. Extend the outcome
        // is the longest wait, so the demo practice has more of those than one page of 25 holds.
        var step = page.Locator("#f-step");
        await step.SelectOptionAsync("ExtendOutcome");
        var chosen = await step.Locator("option:checked").InnerTextAsync();
        var expected = int.Parse(OptionCount().Match(chosen).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        expected.ShouldBeGreaterThan(0, "the demo practice has open cases waiting for the patient to come back");
        await page.Locator("#queue-filters").GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"Filter\.Step=ExtendOutcome"));
        await Expect(page.GetByTestId("queue-counts")).ToContainTextAsync($"{expected} case(s)");
        await Expect(page.Locator("#f-step option:checked")).ToHaveTextAsync(chosen);
        var rows = page.GetByTestId("queue").Locator("tbody tr[data-case]");
        await Expect(rows).ToHaveCountAsync(Math.Min(expected, 25));
        (await rows.Locator("td:nth-child(4)").AllInnerTextsAsync()).ShouldAllBe(text => text.Trim() == "Extend the outcome");
        await ScreenshotAsync(page, "queue");

        // The export is the filtered list, every page of it, without contact details unless asked for.
        await Expect(page.Locator("#include-contacts")).Not.ToBeCheckedAsync();
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.Locator("#export-form").GetByRole(AriaRole.Button, new() { Name = "Download CSV of this list" }).ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".csv");
        var lines = await File.ReadAllLinesAsync(await download.PathAsync(), Encoding.UTF8, TestContext.Current.CancellationToken);
        lines[0].ShouldStartWith("Reference,Practice,Stage");
        lines[0].ShouldNotContain("Phone");
        lines.Length.ShouldBe(expected + 1, "a header, then one line per case of the filtered list");
        lines.Skip(1).ShouldAllBe(line => line.Contains(",Open,Extend the outcome,"));
        errorsOnOpening.ShouldBeNull("the queue opened from the menu showed an error summary");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_report_draws_each_chart_as_it_comes_near_the_screen()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, DemoBrowserFixture.Manager, DemoBrowserFixture.Password);
        await page.GotoAsync("/reports");
        var charts = page.Locator(".report-figure canvas[data-chart]");
        (await charts.CountAsync()).ShouldBeGreaterThan(3, "the demo practice's report has a chart per figure");

        // The first chart is on the screen and drawn; the last, far below, waits until the reader scrolls to it.
        await Expect(charts.First).ToHaveAttributeAsync("data-drawn", "");
        (await charts.Last.GetAttributeAsync("data-drawn")).ShouldBeNull("a chart far below the screen is not drawn before the first paint");
        await charts.Last.ScrollIntoViewIfNeededAsync();
        await Expect(charts.Last).ToHaveAttributeAsync("data-drawn", "");
        await page.Context.CloseAsync();
    }

    /// <summary>A case of the demo practice waiting to share its lesson: records in five steps and the forms to correct them.</summary>
    private const string CaseMidway = "a case mid-way";

    [Theory]
    [InlineData("/", "home-welcome-back")]
    [InlineData("/defects/log", null)]
    [InlineData("/queue", null)]
    [InlineData("/approvals", null)]
    [InlineData("/settings", "settings")]
    [InlineData("/improvements", "improvements")]
    [InlineData("/reports", "reports")]
    [InlineData("/huddle", null)]
    [InlineData(CaseMidway, null)]
    public async Task A_managers_page_full_of_data_has_no_serious_or_critical_accessibility_violations(string path, string? screenshot)
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, DemoBrowserFixture.Manager, DemoBrowserFixture.Password);
        if (path == CaseMidway)
        {
            await page.GotoAsync("/queue?Filter.Step=CommunicateResults");
            path = (await page.GetByTestId("queue").Locator("tbody tr[data-case] a").First.GetAttributeAsync("href"))!;
        }

        var response = await page.GotoAsync(path);
        response.ShouldNotBeNull();
        response.Status.ShouldBe(200, $"GET {path}");
        if (path == "/reports")
        {
            await Expect(page.Locator(".report-figure canvas").First).ToBeVisibleAsync();
        }

        if (screenshot is not null)
        {
            await ScreenshotAsync(page, screenshot);
        }

        (await IconsDrawingNothingAsync(page)).ShouldBeEmpty("every icon on the page is drawn from the sprite");
        var found = await SeriousViolationsAsync(page);
        found.ShouldBeEmpty("axe found serious or critical violations:\n" + string.Join("\n", found));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_huddle_board_fills_a_1920x1080_screen_without_scrolling_and_refreshes_itself()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync(Tv);
        await SignInAsync(page, DemoBrowserFixture.Manager, DemoBrowserFixture.Password);

        // The board refreshes every minute: the browser's clock is ours to move on, so the test need not wait one.
        await page.Clock.InstallAsync();
        await page.GotoAsync("/huddle");
        await Expect(page.GetByTestId("board-panels")).ToBeVisibleAsync();
        await BoardShouldFitTheScreenAsync(page);
        await ScreenshotAsync(page, "huddle");

        // Nothing before the minute is up; then the panels alone are fetched and swapped in place.
        var refreshes = 0;
        page.Request += (_, request) => refreshes += IsRefresh(request.Url) ? 1 : 0;
        await page.Locator("[data-huddle-panels]").EvaluateAsync("e => e.dataset.before = 'refresh'");
        await page.Clock.RunForAsync(55_000);
        refreshes.ShouldBe(0, "the board refreshed before the minute was up");
        var refresh = page.WaitForResponseAsync(r => IsRefresh(r.Url), new() { Timeout = 10_000 });
        await page.Clock.RunForAsync(6_000);
        var response = await refresh;
        response.Status.ShouldBe(200);
        (await response.HeaderValueAsync("cache-control") ?? "").ShouldContain("no-store");
        await Expect(page.Locator("[data-huddle-panels][data-before]")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("board-panels")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-huddle-board]")).Not.ToHaveClassAsync(new Regex("is-stale"));
        await BoardShouldFitTheScreenAsync(page);
        await page.Context.CloseAsync();
    }

    private static bool IsRefresh(string url) => url.Contains("handler=Panels", StringComparison.Ordinal);

    /// <summary>No scroll bar either way, and every panel whole on the screen.</summary>
    private static async Task BoardShouldFitTheScreenAsync(IPage page)
    {
        var size = await page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, innerWidth, document.documentElement.scrollHeight, innerHeight]");
        size[0].ShouldBeLessThanOrEqualTo(size[1], "the board scrolls sideways");
        size[2].ShouldBeLessThanOrEqualTo(size[3], "the board scrolls down");

        var panels = page.Locator("[data-panel]");
        string[] expected = ["steps", "overdue", "new", "wins", "follow-ups", "welcome-back", "lessons", "heatmap"];
        await Expect(panels).ToHaveCountAsync(expected.Length);
        foreach (var name in expected)
        {
            var panel = page.Locator($"[data-panel={name}]");
            await Expect(panel).ToBeVisibleAsync();
            await Expect(panel).ToBeInViewportAsync(new() { Ratio = 1 });
            await Expect(panel.Locator("h2")).ToBeVisibleAsync();
        }
    }

    [GeneratedRegex(@"\((\d+)\)\s*$")]
    private static partial Regex OptionCount();
}
