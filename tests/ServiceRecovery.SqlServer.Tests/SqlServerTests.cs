using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Testing;
using WebClient = ServiceRecovery.Testing.WebClient;

namespace ServiceRecovery.SqlServer.Tests;

/// <summary>The main flow and the migrations on SQL Server, the production database.</summary>
public sealed class SqlServerTests(SqlServerFixture fixture) : IClassFixture<SqlServerFixture>
{
    [Fact]
    public async Task Front_desk_logs_a_defect_and_records_the_apology_on_sql_server()
    {
        Assert.SkipWhen(fixture.SkipReason is not null, fixture.SkipReason ?? "");
        using var client = await WebClient.SignedInAsync(fixture.App, TestWorld.FrontDesk);

        var form = await client.GetPageAsync("/defects/log");
        var stage = form.QuerySelectorAll("#Input_StageId option").Single(o => o.TextContent == "Waiting").GetAttribute("value");
        var logged = await client.SubmitAsync(form, "#log-defect-form", new()
        {
            ["Input.PatientName"] = "Grace Hopper",
            ["Input.PatientPhone"] = "0412 345 678",
            ["Input.StageId"] = stage,
            ["Input.Description"] = "Waited 50 minutes past my appointment and nobody told me why.",
            ["Input.Severity"] = "3",
            ["Input.Channel"] = "2",
        });
        logged.StatusCode.ShouldBe(HttpStatusCode.Redirect, await RefusalAsync(logged));
        var caseUrl = logged.Headers.Location!.OriginalString;
        caseUrl.ShouldMatch(@"^/cases/[0-9a-f-]{36}$");

        var casePage = await client.GetPageAsync(caseUrl);
        casePage.QuerySelector("[data-testid=case-reference]")!.TextContent.Trim().ShouldMatch(@"^SR-\d{4}-\d{4}$");
        SaySorryState(casePage).ShouldBeOneOf("Pending", "DueSoon");

        var apology = await client.SubmitAsync(casePage, "#apology-form", new()
        {
            ["Apology.ApologisedBy"] = "Dr Ada Lovelace",
            ["Apology.Method"] = "2",
        });
        apology.StatusCode.ShouldBe(HttpStatusCode.Redirect, await RefusalAsync(apology));

        casePage = await client.GetPageAsync(caseUrl);
        SaySorryState(casePage).ShouldBe("Done");
        casePage.QuerySelector("[data-testid=time-to-apology]")!.TextContent.ShouldContain("Time to apology");
        casePage.QuerySelector("[data-testid=timeline]")!.TextContent.ShouldContain("Apology recorded: Dr Ada Lovelace", Case.Sensitive);
    }

    [Fact]
    public async Task The_applied_migrations_leave_no_pending_model_changes_on_sql_server()
    {
        Assert.SkipWhen(fixture.SkipReason is not null, fixture.SkipReason ?? "");

        var (provider, pendingModelChanges, pendingMigrations) = await fixture.App.WithDbAsync(async db =>
            (db.Database.ProviderName, db.Database.HasPendingModelChanges(), (await db.Database.GetPendingMigrationsAsync()).ToList()));

        provider.ShouldBe("Microsoft.EntityFrameworkCore.SqlServer");
        pendingModelChanges.ShouldBeFalse("the model has changes no SQL Server migration covers: add one with dotnet ef migrations add");
        pendingMigrations.ShouldBeEmpty();
    }

    private static string? SaySorryState(IHtmlDocument page) =>
        page.QuerySelector("[data-testid=steps] li[data-step=SaySorry]")?.GetAttribute("data-state");

    /// <summary>The error summary of a refused form, for the assertion message.</summary>
    private static async Task<string> RefusalAsync(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return "";
        }

        var page = await WebClient.ParseAsync(response);
        return $"the app answered {(int)response.StatusCode}: {page.QuerySelector("#error-summary")?.TextContent.Trim()}";
    }
}
