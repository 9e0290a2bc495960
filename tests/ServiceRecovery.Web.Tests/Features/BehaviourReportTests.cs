using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

using ServiceRecovery.Domain;
using ServiceRecovery.Testing;

using static ServiceRecovery.Web.Tests.Features.ReportsSeed;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>The app on a fixed clock, 15 February 2026, so which windows are over is known.</summary>
public sealed class BehaviourReportFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = Utc(2026, 2, 15);

    public AppFactory App { get; } = new() { TestServices = services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)) };

    public async ValueTask InitializeAsync()
    {
        await App.StartAsync();
        await BehaviourReportTests.SeedAsync(App);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>
/// The behaviour report over a small world at Harbourside, where appointments come from the PMS, every figure worked out
/// by hand. The other practice has a defect but no appointment: it has no feed.
/// </summary>
public sealed class BehaviourReportTests(BehaviourReportFixture fixture) : IClassFixture<BehaviourReportFixture>
{
    private const string Period = "from=2025-01-01&to=2025-03-31";
    private static readonly DateTimeOffset Now = BehaviourReportFixture.Now;

    [Fact]
    public async Task Recovered_not_recovered_and_baseline_patients_show_who_attended_again_who_was_lost_and_the_cost_per_recovered_patient()
    {
        using var manager = await WebClient.SignedInAsync(fixture.App, TestWorld.Manager);
        var page = await manager.GetPageAsync($"/reports?{Period}");

        // Recovered: P1 (defect 10 Jan, $50, attended 10 Apr: 90 days) and P2 (defect 1 Feb, $30, cancelled 1 Mar, attended
        // 1 Oct: 242 days). Within 6 months: P1 only, 1 of 2. Within 12 months: both. Median (90 + 242) / 2 = 166.0. Lost: none.
        // Not recovered: P4 (defect 20 Jan, no-show 1 May) and P3 (defect 1 Mar, nothing after; its 12 months end on 1 Mar 2026,
        // after today, 15 Feb 2026, so it counts for 6 months only; every other 12-month window is over). P1's second defect (Feb, no gesture) is not a second patient.
        // Within 6: 0 of 2. Within 12: 0 of 1 (P4). No next attended visit: no median. Lost: P4 had a no-show, 0 of 1.
        // Baseline: B1 (attended 10 Feb and 10 May: 89 days) and B2 (attended 5 Jan, nothing after). B3 had a defect in June
        // 2024, B4 attended in December 2024 only, P3 attended in January but had a defect in the period: none is baseline.
        // Within 6: B1, 1 of 2. Within 12: 1 of 2. Median 89.0. Lost: B2, 1 of 2.
        Rows(page, "behaviour").ShouldBe(
        [
            ["Recovered", "2", "50.0% of 2", "100.0% of 2", "166.0", "0.0% of 2"],
            ["Not recovered", "2", "0.0% of 2", "0.0% of 1", "—", "0.0% of 1"],
            ["No defect (baseline)", "2", "50.0% of 2", "50.0% of 2", "89.0", "50.0% of 2"],
        ]);

        // ($50 + $30) ÷ 2 recovered patients.
        Footer(page, "behaviour").ShouldBe([["Cost per recovered patient", "$40.00", "", "", "", ""]]);
    }

    [Fact]
    public async Task A_practice_without_appointments_from_its_pms_is_told_the_report_measures_typed_returns_only()
    {
        using var manager = await WebClient.SignedInAsync(fixture.App, TestWorld.OtherManager);
        var page = await manager.GetPageAsync($"/reports?{Period}");

        page.QuerySelector("[data-testid=table-behaviour]").ShouldBeNull();
        page.QuerySelector("[data-testid=empty-behaviour]")!.TextContent.ShouldContain("measures typed returns only");
    }

    internal static async Task SeedAsync(AppFactory app)
    {
        await RunAsync(app, app.World.Harbourside.Id, seed =>
        {
            var p1 = seed.Patient(Utc(2024, 1, 1));
            var first = seed.Case(Utc(2025, 1, 10), "Waiting", null, p1);
            seed.Give(first, FrontDesk, 50m, Utc(2025, 1, 10, 2));
            seed.Case(Utc(2025, 2, 1), "Waiting", null, p1);
            seed.Visit(p1, Utc(2025, 4, 10), AppointmentStatus.Attended, Now);

            var p2 = seed.Patient(Utc(2024, 1, 1));
            seed.Give(seed.Case(Utc(2025, 2, 1), "Waiting", null, p2), FrontDesk, 30m, Utc(2025, 2, 1, 2));
            seed.Visit(p2, Utc(2025, 3, 1), AppointmentStatus.Cancelled, Now);
            seed.Visit(p2, Utc(2025, 10, 1), AppointmentStatus.Attended, Now);

            var p3 = seed.Patient(Utc(2024, 1, 1));
            seed.Visit(p3, Utc(2025, 1, 15), AppointmentStatus.Attended, Now);
            seed.Case(Utc(2025, 3, 1), "Waiting", null, p3);

            var p4 = seed.Patient(Utc(2024, 1, 1));
            seed.Case(Utc(2025, 1, 20), "Waiting", null, p4);
            seed.Visit(p4, Utc(2025, 5, 1), AppointmentStatus.NoShow, Now);

            var b1 = seed.Patient(Utc(2024, 1, 1));
            seed.Visit(b1, Utc(2025, 2, 10), AppointmentStatus.Attended, Now);
            seed.Visit(b1, Utc(2025, 5, 10), AppointmentStatus.Attended, Now);

            var b2 = seed.Patient(Utc(2024, 1, 1));
            seed.Visit(b2, Utc(2025, 1, 5), AppointmentStatus.Attended, Now);

            var b3 = seed.Patient(Utc(2024, 1, 1));
            seed.Case(Utc(2024, 6, 1), "Waiting", null, b3);
            seed.Visit(b3, Utc(2025, 2, 1), AppointmentStatus.Attended, Now);

            var b4 = seed.Patient(Utc(2024, 1, 1));
            seed.Visit(b4, Utc(2024, 12, 1), AppointmentStatus.Attended, Now);
        });
        await RunAsync(app, app.World.Other.Id, seed => seed.Case(Utc(2025, 2, 1), "Waiting"));
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
