using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

using AngleSharp.Html.Dom;

using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

using static ServiceRecovery.Web.Tests.Features.ReportsSeed;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>
/// The manager's reports over a small fixed data set at Harbourside (Sydney, UTC+11 in January–March 2025),
/// every figure worked out by hand. Another practice has defects in the same months, which must never show.
/// </summary>
public sealed class ReportsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Period = "from=2025-01-01&to=2025-03-31";
    private const string Formula = "=HYPERLINK(example.com)";
    private const string AtCategory = "@Front desk manner";

    private static readonly ConditionalWeakTable<AppFixture, Task> Seeded = [];

    [Fact]
    public async Task Defects_by_stage_and_category_are_a_pareto_with_percentages_and_cumulative_percentages()
    {
        var page = await ManagerReportAsync(Period);

        Rows(page, "stages").ShouldBe(
        [
            ["Waiting", "4", "40.0%", "40.0%"],
            ["Billing & payment", "3", "30.0%", "70.0%"],
            ["First contact", "2", "20.0%", "90.0%"],
            ["Treatment (chairside)", "1", "10.0%", "100.0%"],
        ]);
        Footer(page, "stages").ShouldBe([["Total", "10", "100.0%", ""]]);
        Rows(page, "categories").ShouldBe(
        [
            ["Waiting time", "5", "50.0%", "50.0%"],
            [AtCategory, "3", "30.0%", "80.0%"],
            ["No category", "2", "20.0%", "100.0%"],
        ]);
    }

    [Fact]
    public async Task Time_to_apology_and_to_resolution_show_the_median_and_90th_percentile_by_local_month_of_the_defect()
    {
        var page = await ManagerReportAsync(Period);

        // January: 0.5, 1 and 3 hours (the first happened at 00:30 on 1 January in Sydney, still 31 December in UTC).
        // February: 2, 4, 6 and 10 hours. p90 interpolates between ranks: 1 + 0.8 × 2 = 2.6; 6 + 0.7 × 4 = 8.8.
        Rows(page, "apology").ShouldBe(
        [
            ["January 2025", "3", "1.0", "2.6"],
            ["February 2025", "4", "5.0", "8.8"],
            ["March 2025", "0", "—", "—"],
        ]);
        Footer(page, "apology").ShouldBe([["Whole period", "7", "3.0", "7.6"]]);

        // Resolved 30 and 4 days after opening (the second one since closed) in January, 14 days in February.
        Rows(page, "resolution").ShouldBe(
        [
            ["January 2025", "2", "17.0", "27.4"],
            ["February 2025", "1", "14.0", "14.0"],
            ["March 2025", "0", "—", "—"],
        ]);
        Footer(page, "resolution").ShouldBe([["Whole period", "3", "14.0", "26.8"]]);
    }

    [Fact]
    public async Task Recovery_cost_is_summed_by_local_month_of_giving_or_approval_with_the_cost_per_case()
    {
        var page = await ManagerReportAsync(Period);

        // $50 + $10 in January; $30 given at 00:30 on 1 February in Sydney; $120 asked for in February and approved
        // in March; $40 given in April for a March defect; a declined $200 and the other practice's $999 never count.
        Rows(page, "cost").ShouldBe(
        [
            ["January 2025", "$60.00"],
            ["February 2025", "$30.00"],
            ["March 2025", "$120.00"],
            ["After 31 Mar 2025", "$40.00"],
        ]);
        Footer(page, "cost").ShouldBe(
        [
            ["Total", "$250.00"],
            ["Cases with a gesture given", "4"],
            ["Cost per case", "$62.50"],
        ]);
    }

    [Fact]
    public async Task Recovery_rate_compares_patients_who_came_back_within_90_local_days_with_and_without_a_gesture_or_follow_up()
    {
        var page = await ManagerReportAsync(Period);

        // With a gesture or follow-up: 5 cases, 4 back within 90 days (one exactly 90 days after its Sydney date).
        // Neither: 5 cases (a declined gesture is no gesture), 2 back in time, 1 back too late.
        Rows(page, "recovery").ShouldBe(
        [
            ["Gesture given or follow-up planned", "5", "4", "80.0%", "66.7%"],
            ["Neither", "5", "2", "40.0%", "33.3%"],
        ]);
    }

    [Fact]
    public async Task Improvements_shared_by_two_or_more_cases_of_the_period_are_listed_most_cases_first()
    {
        var page = await ManagerReportAsync(Period);

        Rows(page, "repeats").ShouldBe(
        [
            ["Tell waiting patients at 15 minutes", "Proposed", "3"],
            [Formula, "Proposed", "2"],
        ]);
    }

    [Fact]
    public async Task Open_cases_are_counted_by_their_current_step_now_whatever_the_period()
    {
        var page = await ManagerReportAsync("from=2010-01-01&to=2010-12-31");

        page.QuerySelector("[data-testid=empty-state]").ShouldNotBeNull("no defects happened in 2010");
        page.QuerySelector("[data-testid=table-stages]").ShouldBeNull();
        var rows = Rows(page, "open-steps");
        rows.Select(r => r[0]).ShouldBe(ServiceSteps.InOrder.Select(s => s.Title()));
        rows.Select(r => r[1]).ShouldBe(["5", "3", "1", "0", "0", "0", "0"]);
        Footer(page, "open-steps").ShouldBe([["Total", "9"]]);
    }

    [Fact]
    public async Task Each_chart_carries_the_numbers_of_its_table_and_the_page_has_no_inline_script_or_style()
    {
        await SeedAsync();
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var response = await manager.Http.GetAsync($"/reports?{Period}");
        var html = await response.Content.ReadAsStringAsync();
        var page = await WebClient.ParseAsync(response);

        var chart = JsonDocument.Parse(page.QuerySelector("[data-figure=stages] canvas[data-chart]")!.GetAttribute("data-chart")!).RootElement;
        chart.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ShouldBe(Rows(page, "stages").Select(r => r[0]));
        chart.GetProperty("series")[0].GetProperty("data").EnumerateArray().Select(d => d.GetDouble()).ShouldBe([4, 3, 2, 1]);
        chart.GetProperty("series")[1].GetProperty("data").EnumerateArray().Select(d => d.GetDouble()).ShouldBe([40, 70, 90, 100]);
        page.QuerySelectorAll("canvas[data-chart]").Length.ShouldBe(page.QuerySelectorAll("table[data-testid^=table-]").Length);
        page.QuerySelectorAll("section[data-figure]").ShouldAllBe(s => s.QuerySelector("a[data-testid^=csv-]") != null);
        page.QuerySelectorAll("table caption").Length.ShouldBe(page.QuerySelectorAll("table").Length);
        page.QuerySelectorAll("thead th").ShouldAllBe(th => th.GetAttribute("scope") == "col");
        page.QuerySelector("script[src^='/js/reports.']").ShouldNotBeNull();
        page.QuerySelectorAll("script:not([src])").Length.ShouldBe(0);
        html.ShouldNotContain("style=");
        page.QuerySelector("nav a[href='/reports']").ShouldNotBeNull("managers find Reports in the menu");
    }

    [Fact]
    public async Task Front_desk_staff_cannot_see_the_reports_or_their_csv()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);

        (await frontDesk.Http.GetAsync("/reports")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await frontDesk.Http.GetAsync($"/reports?handler=Csv&figure=stages&{Period}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await frontDesk.GetPageAsync("/")).QuerySelector("nav a[href='/reports']").ShouldBeNull();
    }

    [Fact]
    public async Task Another_practice_never_appears_and_cannot_be_asked_for()
    {
        await SeedAsync();
        using var manager = await fixture.SignInAsync(TestWorld.Manager);

        var page = await manager.GetPageAsync($"/reports?{Period}");
        page.Body!.TextContent.ShouldNotContain(fixture.World.Other.Name);
        page.QuerySelector("#practice").ShouldBeNull("a manager of one practice has nothing to choose");
        Footer(page, "stages")[0][1].ShouldBe("10");

        var asked = await manager.Http.GetAsync($"/reports?{Period}&practice={fixture.World.Other.Id}");
        asked.StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await WebClient.ParseAsync(asked);
        refused.QuerySelector("#error-summary")!.TextContent.ShouldContain("That practice is not one of yours.");
        refused.QuerySelector("[data-testid=table-stages]").ShouldBeNull();

        var csv = await manager.Http.GetAsync($"/reports?handler=Csv&figure=stages&{Period}&practice={fixture.World.Other.Id}");
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
    }

    [Fact]
    public async Task A_manager_of_several_practices_sees_them_added_up_and_compared_side_by_side()
    {
        await SeedAsync();
        using var administrator = await fixture.SignInAsync(TestWorld.Administrator);

        var all = await administrator.GetPageAsync($"/reports?{Period}");
        all.QuerySelectorAll("#practice option").Select(o => o.TextContent).ShouldBe(
            ["All my practices, compared", fixture.World.Harbourside.Name, fixture.World.Other.Name]);
        Rows(all, "stages")[0].ShouldBe(["Waiting", "6", "46.2%", "46.2%"]);
        Footer(all, "stages")[0][1].ShouldBe("13");
        var compared = Rows(all, "practices");
        compared.Select(r => (r[0], r[1])).ShouldBe([(fixture.World.Harbourside.Name, "10"), (fixture.World.Other.Name, "3")]);
        compared[0][6].ShouldBe("$250.00");
        compared[1][6].ShouldBe("$999.00");

        var one = await administrator.GetPageAsync($"/reports?{Period}&practice={fixture.World.Harbourside.Id}");
        Footer(one, "stages")[0][1].ShouldBe("10");
        one.QuerySelector("[data-testid=table-practices]").ShouldBeNull();
        one.QuerySelector($"#practice option[value='{fixture.World.Harbourside.Id}']")!.HasAttribute("selected").ShouldBeTrue();
    }

    [Theory]
    [InlineData("from=2025-03-01&to=2025-01-01", "The 'to' date is before the 'from' date.")]
    [InlineData("from=2019-01-01&to=2024-01-01", "Choose a period of at most 5 years.")]
    [InlineData("from=2025-13-45&to=2025-12-31", "The 'from' date is not a date.")]
    [InlineData("from=2025-01-01&to=yesterday", "The 'to' date is not a date.")]
    [InlineData("from=1999-12-31&to=2000-01-31", "The 'from' date must be between 2000-01-01 and 2100-12-31.")]
    [InlineData("practice=not-a-practice", "That practice is not one of yours.")]
    [InlineData("practice=00000000-0000-0000-0000-000000000001", "That practice is not one of yours.")]
    public async Task Bad_inputs_show_a_clear_message_on_the_page_and_no_figures(string query, string message)
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);

        foreach (var url in new[] { $"/reports?{query}", $"/reports?handler=Csv&figure=stages&{query}" })
        {
            var response = await manager.Http.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            var page = await WebClient.ParseAsync(response);
            page.QuerySelector("#error-summary")!.TextContent.ShouldContain(message);
            page.QuerySelector("[data-testid=report-scope]").ShouldBeNull();
            page.QuerySelector("#report-filters").ShouldNotBeNull("the form stays to put it right");
        }
    }

    [Fact]
    public async Task Five_years_to_the_day_is_allowed_and_no_dates_means_the_last_twelve_months_at_the_practice()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);

        var longest = await manager.GetPageAsync("/reports?from=2020-01-01&to=2024-12-31");
        longest.QuerySelector("#error-summary").ShouldBeNull();

        var sydneyToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney")).DateTime);
        var plain = await manager.GetPageAsync("/reports");
        plain.QuerySelector("#from")!.GetAttribute("value").ShouldBe(new DateOnly(sydneyToday.Year, sydneyToday.Month, 1).AddMonths(-11).ToString("yyyy-MM-dd"));
        plain.QuerySelector("#to")!.GetAttribute("value").ShouldBe(sydneyToday.ToString("yyyy-MM-dd"));
        plain.QuerySelector("[data-testid=report-scope]").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_figure_downloads_as_csv_with_a_bom_its_header_practice_formats_and_formulas_neutralised()
    {
        await SeedAsync();
        using var manager = await fixture.SignInAsync(TestWorld.Manager);

        var (repeats, repeatsName) = await CsvAsync(manager, "repeats");
        repeatsName.ShouldBe("repeats-2025-01-01-to-2025-03-31.csv");
        repeats.ShouldBe(
        [
            "Improvement,Status,Defects",
            "Tell waiting patients at 15 minutes,Proposed,3",
            "\"'" + Formula + "\",Proposed,2", // CsvHelper quotes the field it escapes
        ]);

        var (categories, _) = await CsvAsync(manager, "categories");
        categories[0].ShouldBe("Category,Defects,Percentage,Cumulative percentage");
        categories.ShouldContain("\"'" + AtCategory + "\",3,30.0%,80.0%");

        var (cost, _) = await CsvAsync(manager, "cost");
        cost.ShouldBe(
        [
            "Month,Recovery cost",
            "January 2025,$60.00",
            "February 2025,$30.00",
            "March 2025,$120.00",
            "After 31 Mar 2025,$40.00",
            "Total,$250.00",
            "Cases with a gesture given,4",
            "Cost per case,$62.50",
        ]);

        (await manager.Http.GetAsync($"/reports?handler=Csv&figure=nothing&{Period}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_report_runs_the_same_number_of_commands_for_n_cases_as_for_three_times_as_many()
    {
        using var administrator = await fixture.SignInAsync(TestWorld.Administrator);
        var url = $"/reports?from=2023-01-01&to=2023-12-31&practice={fixture.World.Other.Id}";
        var improvement = await RunAsync(fixture.App, fixture.World.Other.Id, seed => seed.Improvement("Call ahead when running late"));
        await SeedBusyYearAsync(improvement.Id, 6);

        var few = await CommandsForAsync(administrator, url);
        Footer(await administrator.GetPageAsync(url), "stages")[0][1].ShouldBe("6");

        await SeedBusyYearAsync(improvement.Id, 12);
        var many = await CommandsForAsync(administrator, url);
        Footer(await administrator.GetPageAsync(url), "stages")[0][1].ShouldBe("18");

        many.ShouldBe(few, "the number of commands must not grow with the number of cases");
        many.ShouldBeLessThanOrEqualTo(20);
    }

    // ---- the data set -----------------------------------------------------------------------------

    private Task SeedAsync() => Seeded.GetValue(fixture, f => SeedFixedSetAsync(f.App, f.World));

    /// <summary>
    /// Harbourside, January–March 2025 in Sydney (UTC+11). Ten defects in the period (A–J), two just outside it
    /// in Sydney time though inside it in UTC or the other way round (K, L), one withdrawn (M).
    /// </summary>
    private static async Task SeedFixedSetAsync(AppFactory app, TestWorld world)
    {
        await RunAsync(app, world.Harbourside.Id, seed =>
        {
            var waitingTime = "Waiting time";
            var manner = seed.Category(AtCategory).Name;
            var tellEarly = seed.Improvement("Tell waiting patients at 15 minutes");
            var formula = seed.Improvement(Formula);
            var single = seed.Improvement("Check bills before printing");

            var a = seed.Case(Utc(2024, 12, 31, 13, 30), "Waiting", waitingTime); // 00:30 on 1 January in Sydney
            Apologise(a, TimeSpan.FromMinutes(30));
            a.LinkImprovement(tellEarly, Manager, Utc(2025, 1, 2));
            seed.Give(a, Manager, 30m, Utc(2025, 1, 31, 13, 30)); // 00:30 on 1 February in Sydney
            Return(a, new DateOnly(2025, 4, 1)); // 90 days after 1 January; 91 after the UTC date

            var b = seed.Case(Utc(2025, 1, 5), "Waiting", waitingTime);
            Apologise(b, TimeSpan.FromHours(1));
            seed.Give(b, Manager, 50m, Utc(2025, 1, 10));
            seed.Give(b, Manager, 10m, Utc(2025, 1, 12));
            Skip(b, Utc(2025, 1, 12, 1), ServiceStep.ExpediteSolutions, ServiceStep.Respond, ServiceStep.ImplementImprovements, ServiceStep.CommunicateResults);
            Return(b, new DateOnly(2025, 2, 4)); // resolves the case 30 days after it opened

            var c = seed.Case(Utc(2025, 1, 20), "Waiting", waitingTime);
            Apologise(c, TimeSpan.FromHours(3));
            Skip(c, Utc(2025, 1, 24, 1), ServiceStep.ExpediteSolutions, ServiceStep.Respond, ServiceStep.Victory,
                ServiceStep.ImplementImprovements, ServiceStep.CommunicateResults, ServiceStep.ExtendOutcome); // resolved after 4 days
            c.Close(Manager, Utc(2025, 1, 25));

            var d = seed.Case(Utc(2025, 2, 3), "Waiting", manner);
            Apologise(d, TimeSpan.FromHours(2));
            d.RecordFix(FrontDesk, "Rebooked.", Utc(2025, 2, 3, 3));
            var asked = seed.Give(d, FrontDesk, 120m, Utc(2025, 2, 4)); // above the front desk's limit
            d.ApproveGesture(asked.Id, Manager, Utc(2025, 3, 2));
            d.LinkImprovement(tellEarly, Manager, Utc(2025, 2, 5));
            Return(d, new DateOnly(2025, 5, 4)); // exactly 90 days

            var e = seed.Case(Utc(2025, 2, 10), "Billing & payment", manner);
            Apologise(e, TimeSpan.FromHours(4));
            var declined = seed.Give(e, FrontDesk, 200m, Utc(2025, 2, 11));
            e.DeclineGesture(declined.Id, Manager, "A complimentary clean suits better.", Utc(2025, 2, 12));
            e.LinkImprovement(tellEarly, Manager, Utc(2025, 2, 12));
            Return(e, new DateOnly(2025, 2, 20));

            var f = seed.Case(Utc(2025, 2, 15), "Billing & payment", manner);
            Apologise(f, TimeSpan.FromHours(6));
            f.PlanFollowUp(Manager, new DateOnly(2025, 2, 22), FollowUpMethod.Call, Locale, Utc(2025, 2, 15, 7));
            Skip(f, Utc(2025, 2, 16), ServiceStep.ExpediteSolutions, ServiceStep.Respond, ServiceStep.Victory, ServiceStep.ImplementImprovements, ServiceStep.CommunicateResults);
            Return(f, new DateOnly(2025, 3, 1)); // resolves the case 14 days after it opened

            var g = seed.Case(Utc(2025, 2, 20), "Billing & payment", waitingTime);
            Apologise(g, TimeSpan.FromHours(10));
            g.LinkImprovement(formula, Manager, Utc(2025, 2, 21));
            Return(g, new DateOnly(2025, 6, 30)); // too late to count

            var h = seed.Case(Utc(2025, 3, 5), "First contact", waitingTime);
            h.LinkImprovement(formula, Manager, Utc(2025, 3, 6));
            seed.Give(h, Manager, 40m, Utc(2025, 4, 2)); // after the period

            var i = seed.Case(Utc(2025, 3, 10), "First contact");
            i.LinkImprovement(single, Manager, Utc(2025, 3, 11));
            Return(i, new DateOnly(2025, 3, 20));

            seed.Case(Utc(2025, 3, 31, 12), "Treatment (chairside)"); // J: 23:00 on 31 March in Sydney

            var k = seed.Case(Utc(2024, 12, 31, 12), "Waiting", waitingTime); // 23:00 on 31 December in Sydney
            k.LinkImprovement(tellEarly, Manager, Utc(2025, 1, 1));
            seed.Case(Utc(2025, 3, 31, 13, 30), "Waiting", waitingTime); // L: 00:30 on 1 April in Sydney
            seed.Case(Utc(2025, 2, 25), "Waiting", waitingTime).Withdraw(Manager, "Logged twice.", Utc(2025, 2, 25, 2)); // M
        });

        // The other practice (Perth), same months: three defects and a large gesture nobody at Harbourside may see.
        await RunAsync(app, world.Other.Id, seed =>
        {
            var one = seed.Case(Utc(2025, 1, 15), "Waiting", "Waiting time");
            Apologise(one, TimeSpan.FromHours(2));
            seed.Give(one, Manager, 999m, Utc(2025, 1, 16));
            seed.Case(Utc(2025, 2, 15), "Waiting");
            seed.Case(Utc(2025, 2, 16), "Billing & payment");
        });
    }

    /// <summary>Cases at the other practice in 2023 with something in every figure: apology, gesture, follow-up, shared improvement, return.</summary>
    private Task SeedBusyYearAsync(Guid improvementId, int count) => RunAsync(fixture.App, fixture.World.Other.Id, seed =>
    {
        var improvement = seed.Existing(improvementId);
        for (var n = 0; n < count; n++)
        {
            var occurred = Utc(2023, 1 + (n % 12), 1 + (n % 20), 3);
            var busy = seed.Case(occurred, n % 2 == 0 ? "Waiting" : "Billing & payment", n % 3 == 0 ? null : "Communication");
            Apologise(busy, TimeSpan.FromMinutes(20 + n));
            seed.Give(busy, Manager, 25m, occurred.AddDays(1));
            busy.PlanFollowUp(Manager, DateOnly.FromDateTime(occurred.AddDays(7).UtcDateTime), FollowUpMethod.Call, Locale, occurred.AddDays(1));
            busy.LinkImprovement(improvement, Manager, occurred.AddDays(2));
            if (n % 2 == 0)
            {
                Skip(busy, occurred.AddDays(3), ServiceStep.ExpediteSolutions, ServiceStep.Respond, ServiceStep.CommunicateResults);
            }

            Return(busy, DateOnly.FromDateTime(occurred.AddDays(20).UtcDateTime));
        }
    });

    private async Task<IHtmlDocument> ManagerReportAsync(string query)
    {
        await SeedAsync();
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        return await manager.GetPageAsync($"/reports?{query}");
    }

    private async Task<int> CommandsForAsync(WebClient client, string url)
    {
        await client.GetPageAsync(url);
        fixture.App.Commands.Reset();
        await client.GetPageAsync(url);
        return fixture.App.Commands.Count;
    }

    private static async Task<(string[] Lines, string? FileName)> CsvAsync(WebClient client, string figure)
    {
        var response = await client.Http.GetAsync($"/reports?handler=Csv&figure={figure}&{Period}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "a byte-order mark, so Excel reads UTF-8");
        var text = new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3);
        return (text.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries), response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    private static List<string[]> Rows(IHtmlDocument page, string figure) => Cells(page, figure, "tbody tr");

    private static List<string[]> Footer(IHtmlDocument page, string figure) => Cells(page, figure, "tfoot tr");

    private static List<string[]> Cells(IHtmlDocument page, string figure, string rows)
    {
        var table = page.QuerySelector($"[data-testid=table-{figure}]")
            ?? throw new InvalidOperationException($"No table for {figure}: {page.QuerySelector("#error-summary")?.TextContent ?? page.QuerySelector($"[data-testid=empty-{figure}]")?.TextContent}");
        return table.QuerySelectorAll(rows).Select(tr => tr.Children.Select(cell => cell.TextContent.Trim()).ToArray()).ToList();
    }
}
