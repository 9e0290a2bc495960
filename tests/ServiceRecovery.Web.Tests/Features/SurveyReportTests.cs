using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

using ServiceRecovery.Domain;
using ServiceRecovery.Testing;

using static ServiceRecovery.Web.Tests.Features.ReportsSeed;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>The app on a fixed clock, 15 February 2026, long after every seeded survey's link has expired.</summary>
public sealed class SurveyReportFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = Utc(2026, 2, 15);

    public AppFactory App { get; } = new() { TestServices = services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)) };

    public async ValueTask InitializeAsync()
    {
        await App.StartAsync();
        await SurveyReportTests.SeedAsync(App);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>
/// Satisfaction with recovery over five surveys of Harbourside sent in January and February 2025, four answered, every
/// figure worked out by hand below. A survey sent in March and one of the other practice are outside the report.
/// </summary>
public sealed class SurveyReportTests(SurveyReportFixture fixture) : IClassFixture<SurveyReportFixture>
{
    private const string Period = "from=2025-01-01&to=2025-02-28";

    // The surveys (fair, easy, respect, recommend), sent at 01:00 UTC, the same day in Sydney:
    //   S1 sent 10 Jan, Waiting, answered 12 Jan: 5, 5, 5, 10, "Lovely, thank you"
    //   S2 sent 15 Jan, Waiting, answered 16 Jan: 2, 3, 4, 6, "Still cross about the wait"
    //   S3 sent 20 Jan, Billing & payment, never answered: expired, counts as sent only
    //   S4 sent 5 Feb, Billing & payment, answered 6 Feb: 4, 5, 4, 9, no comment
    //   S5 sent 10 Feb, Billing & payment, answered 11 Feb: 5, 2, 3, 8, "OK in the end"
    // January (S1, S2, S3): 3 sent, 2 answered, 66.7%. Fair 2, 5: median 3.5, 4 or 5: 1 of 2 = 50.0%. Easy 3, 5: median 4.0, 50.0%.
    //   Respect 4, 5: median 4.5, 100.0%. Recommend 10 (promoter), 6 (detractor): (1 − 1) ÷ 2 = 0.0 points.
    // February (S4, S5): 2 sent, 2 answered, 100.0%. Fair 4, 5: 4.5, 100.0%. Easy 2, 5: 3.5, 50.0%. Respect 3, 4: 3.5, 50.0%.
    //   Recommend 9 (promoter), 8 (passive): (1 − 0) ÷ 2 = 50.0 points.
    // Whole period: 5 sent, 4 answered, 80.0%. Fair 2, 4, 5, 5: (4 + 5) ÷ 2 = 4.5, 3 of 4 = 75.0%. Easy 2, 3, 5, 5: (3 + 5) ÷ 2 = 4.0,
    //   2 of 4 = 50.0%. Respect 3, 4, 4, 5: 4.0, 3 of 4 = 75.0%. Recommend 10, 6, 9, 8: (2 − 1) ÷ 4 = 25.0 points.
    // By stage: Waiting (S1, S2): 2 sent, 2 answered, 100.0%; fair 3.5, 50.0%; easy 4.0, 50.0%; respect 4.5, 100.0%; NPS 0.0.
    //   Billing & payment (S3, S4, S5): 3 sent, 2 answered, 66.7%; the rest as February.
    private static readonly string[][] Months =
    [
        ["January 2025", "3", "2", "66.7%", "3.5", "50.0%", "4.0", "50.0%", "4.5", "100.0%", "0.0"],
        ["February 2025", "2", "2", "100.0%", "4.5", "100.0%", "3.5", "50.0%", "3.5", "50.0%", "50.0"],
    ];

    private static readonly string[] WholePeriod = ["Whole period", "5", "4", "80.0%", "4.5", "75.0%", "4.0", "50.0%", "4.0", "75.0%", "25.0"];

    [Fact]
    public async Task The_satisfaction_report_shows_by_month_the_medians_the_share_of_4_or_5_the_response_rate_and_the_net_promoter_score()
    {
        using var manager = await WebClient.SignedInAsync(fixture.App, TestWorld.Manager);
        var page = await manager.GetPageAsync($"/reports?{Period}");

        Rows(page, "survey-months").ShouldBe(Months);
        Footer(page, "survey-months").ShouldBe([WholePeriod]);
    }

    [Fact]
    public async Task The_satisfaction_report_by_stage_counts_the_unanswered_survey_as_sent_at_its_stage()
    {
        using var manager = await WebClient.SignedInAsync(fixture.App, TestWorld.Manager);
        var page = await manager.GetPageAsync($"/reports?{Period}");

        Rows(page, "survey-stages").ShouldBe(
        [
            ["Waiting", "2", "2", "100.0%", "3.5", "50.0%", "4.0", "50.0%", "4.5", "100.0%", "0.0"],
            ["Billing & payment", "3", "2", "66.7%", "4.5", "100.0%", "3.5", "50.0%", "3.5", "50.0%", "50.0"],
        ]);
    }

    [Fact]
    public async Task A_manager_reads_the_comments_newest_first_with_reference_and_stage_and_no_patient_name()
    {
        using var manager = await WebClient.SignedInAsync(fixture.App, TestWorld.Manager);
        var page = await manager.GetPageAsync($"/reports?{Period}");

        var rows = Rows(page, "survey-comments");
        rows.Select(r => (r[0], r[2], r[3], r[4], r[5], r[6], r[7])).ShouldBe(
        [
            ("11 Feb 2025", "Billing & payment", "5", "2", "3", "8", "OK in the end"),
            ("16 Jan 2025", "Waiting", "2", "3", "4", "6", "Still cross about the wait"),
            ("12 Jan 2025", "Waiting", "5", "5", "5", "10", "Lovely, thank you"),
        ]);
        rows.ShouldAllBe(r => r[1].StartsWith("SR-2025-", StringComparison.Ordinal));
        page.QuerySelector("[data-testid=satisfaction]")!.TextContent.ShouldNotContain("Report Patient");
    }

    [Fact]
    public async Task The_satisfaction_figures_download_as_csv_with_the_same_numbers()
    {
        using var manager = await WebClient.SignedInAsync(fixture.App, TestWorld.Manager);

        var response = await manager.Http.GetAsync($"/reports?handler=Csv&figure=survey-months&{Period}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition?.FileName?.Trim('"').ShouldBe("survey-months-2025-01-01-to-2025-02-28.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3).Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldBe(
        [
            "Month,Sent,Answered,Response rate,The outcome was fair: median,The outcome was fair: 4 or 5,It was easy and quick: median,It was easy and quick: 4 or 5,I was treated with respect: median,I was treated with respect: 4 or 5,Net Promoter Score (points)",
            .. Months.Select(r => string.Join(',', r)),
            string.Join(',', WholePeriod),
        ]);
    }

    [Fact]
    public async Task A_period_with_no_survey_sent_says_so()
    {
        using var manager = await WebClient.SignedInAsync(fixture.App, TestWorld.Manager);
        var page = await manager.GetPageAsync("/reports?from=2024-01-01&to=2024-06-30");

        page.QuerySelector("[data-testid=table-survey-months]").ShouldBeNull();
        page.QuerySelector("[data-testid=empty-survey-months]")!.TextContent.ShouldBe("No surveys were sent in this period.");
    }

    [Fact]
    public void The_net_promoter_score_is_the_share_of_9_and_10_minus_the_share_of_0_to_6_in_points()
    {
        // 10, 9 promoters; 7, 8 passive; 0, 6 detractors: (2 − 2) ÷ 6 = 0. 0, 1, 9: (1 − 2) ÷ 3 = −33.3.
        Web.Features.Reports.SurveyFigures.NetPromoterScore([10, 9, 7, 8, 0, 6]).ShouldBe(0);
        Web.Features.Reports.SurveyFigures.NetPromoterScore([0, 1, 9])!.Value.ShouldBe(-100.0 / 3, 1e-9);
        Web.Features.Reports.SurveyFigures.NetPromoterScore([]).ShouldBeNull();
    }

    internal static async Task SeedAsync(AppFactory app)
    {
        await RunAsync(app, app.World.Harbourside.Id, seed =>
        {
            seed.Survey(Utc(2025, 1, 10, 1), "Waiting", (5, 5, 5, 10, "Lovely, thank you"), Utc(2025, 1, 12, 1));
            seed.Survey(Utc(2025, 1, 15, 1), "Waiting", (2, 3, 4, 6, "Still cross about the wait"), Utc(2025, 1, 16, 1));
            seed.Survey(Utc(2025, 1, 20, 1), "Billing & payment", null, null);
            seed.Survey(Utc(2025, 2, 5, 1), "Billing & payment", (4, 5, 4, 9, null), Utc(2025, 2, 6, 1));
            seed.Survey(Utc(2025, 2, 10, 1), "Billing & payment", (5, 2, 3, 8, "OK in the end"), Utc(2025, 2, 11, 1));
            seed.Survey(Utc(2025, 3, 5, 1), "Waiting", (1, 1, 1, 0, "Sent after the period"), Utc(2025, 3, 6, 1));
        });
        await RunAsync(app, app.World.Other.Id, seed => seed.Survey(Utc(2025, 1, 10, 1), "Waiting", (1, 1, 1, 0, "Another practice"), Utc(2025, 1, 11, 1)));
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
