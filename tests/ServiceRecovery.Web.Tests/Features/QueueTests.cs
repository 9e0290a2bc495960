using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Infrastructure.Web;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

public sealed class QueueTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_manager_sees_open_cases_overdue_first_and_filters_them()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var late = await CasePage.OpenAsync(frontDesk, "Queue Late");
        var fine = await CasePage.OpenAsync(frontDesk, "Queue Fine");
        await fine.SubmitAsync("#apology-form", []);
        await MakeOverdueAsync(late.CaseId);

        var queue = await manager.GetPageAsync("/queue");
        var references = queue.QuerySelectorAll("[data-testid=queue] tbody tr").Select(tr => tr.GetAttribute("data-case")).ToList();
        references[0].ShouldBe(await ReferenceAsync(late.CaseId));
        queue.QuerySelector("[data-testid=queue] tbody tr")!.TextContent.ShouldContain("Overdue");

        var byStep = await manager.GetPageAsync($"/queue?Filter.Step={ServiceStep.ExpediteSolutions}");
        var stepRefs = byStep.QuerySelectorAll("[data-testid=queue] tbody tr").Select(tr => tr.GetAttribute("data-case")).ToList();
        stepRefs.ShouldContain(await ReferenceAsync(fine.CaseId));
        stepRefs.ShouldNotContain(await ReferenceAsync(late.CaseId));
        byStep.QuerySelector($"#f-step option[value={ServiceStep.SaySorry}]")!.TextContent.ShouldMatch(@"Say sorry \(\d+\)");

        var byReference = await manager.GetPageAsync($"/queue?Filter.Reference={await ReferenceAsync(fine.CaseId)}");
        byReference.QuerySelectorAll("[data-testid=queue] tbody tr").Length.ShouldBe(1);
    }

    [Fact]
    public async Task Front_desk_sees_their_own_and_unassigned_cases_only()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var managers = await CasePage.OpenAsync(manager, "Manager Owned");
        var mine = await CasePage.OpenAsync(frontDesk, "Front Desk Owned");

        var queue = await frontDesk.GetPageAsync("/queue");
        var references = queue.QuerySelectorAll("[data-testid=queue] tbody tr").Select(tr => tr.GetAttribute("data-case")).ToList();
        references.ShouldContain(await ReferenceAsync(mine.CaseId));
        references.ShouldNotContain(await ReferenceAsync(managers.CaseId));
        queue.QuerySelector("#export-form").ShouldBeNull();
        (await frontDesk.Http.GetAsync("/queue?handler=Csv")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_practice_never_sees_the_cases()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var outsider = await fixture.SignInAsync(TestWorld.OtherFrontDesk);
        var page = await CasePage.OpenAsync(frontDesk, "Hidden From Others");

        var queue = await outsider.GetPageAsync($"/queue?Filter.Status=&Filter.Reference={await ReferenceAsync(page.CaseId)}");

        queue.QuerySelector("[data-testid=empty-state]").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_owner_is_reassigned_from_the_list()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await CasePage.OpenAsync(manager, "Reassign Me");
        var reference = await ReferenceAsync(page.CaseId);
        var frontDeskId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == TestWorld.FrontDesk).Select(u => u.Id).SingleAsync());
        var queue = await manager.GetPageAsync($"/queue?Filter.Reference={reference}");

        var response = await manager.SubmitAsync(queue, ".owner-form", new() { ["Owner.OwnerId"] = frontDeskId });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain(reference);
        (await fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == page.CaseId).Select(c => c.OwnerName).SingleAsync())).ShouldBe(TestWorld.FrontDeskName);
    }

    [Fact]
    public async Task Bad_filter_values_get_a_message_not_an_error()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        foreach (var query in new[] { "Filter.From=2026-05-01&Filter.To=2026-01-01", "Filter.Step=99", "Filter.Severity=Enormous", "Filter.From=31/02/2026", "Filter.Page=-4", $"Filter.Reference={new string('x', 300)}" })
        {
            var response = await manager.Http.GetAsync($"/queue?{query}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, query);
        }

        var reversed = await manager.GetPageAsync("/queue?Filter.From=2026-05-01&Filter.To=2026-01-01");
        reversed.QuerySelector("#error-summary")!.TextContent.ShouldContain("before the 'from' date");
    }

    [Fact]
    public async Task The_csv_export_neutralises_formulas_and_adds_contacts_only_when_asked_and_audited()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await CasePage.OpenAsync(frontDesk, "=HYPERLINK(\"http://evil\")");
        await page.SubmitAsync("#owner-form", new() { ["Owner.OwnerId"] = "" });
        var reference = await ReferenceAsync(page.CaseId);
        var auditBefore = await fixture.App.WithDbAsync(db => db.Audit.CountAsync(a => a.Kind == AuditKind.Export));

        var plain = await manager.Http.GetAsync($"/queue?handler=Csv&Filter.Reference={reference}");
        var withContacts = await manager.Http.GetAsync($"/queue?handler=Csv&Filter.Reference={reference}&includeContacts=true");

        plain.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();
        plainBytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "a byte-order mark so Excel reads UTF-8");
        var plainText = System.Text.Encoding.UTF8.GetString(plainBytes);
        var plainLines = plainText.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        plainLines[0].ShouldStartWith("Reference,Practice,Stage");
        plainLines.Length.ShouldBe(2);
        plainLines[1].ShouldStartWith(reference);
        plainText.ShouldNotContain("HYPERLINK");
        plainText.ShouldNotContain("0412 345 678");

        var contactsText = await withContacts.Content.ReadAsStringAsync();
        contactsText.ShouldContain("Patient,Phone,Email");
        contactsText.ShouldContain("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        contactsText.ShouldContain("0412 345 678");
        var audits = await fixture.App.WithDbAsync(db => db.Audit.Where(a => a.Kind == AuditKind.Export).OrderBy(a => a.At).Select(a => a.Detail).ToListAsync());
        audits.Count.ShouldBe(auditBefore + 2);
        audits[^1].ShouldContain("with patient contact details");
        audits[^1].ShouldNotContain("HYPERLINK");
    }

    [Fact]
    public async Task A_manager_asking_for_another_practices_csv_is_not_found_and_nothing_lands_in_its_audit_trail()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var otherFrontDesk = await fixture.SignInAsync(TestWorld.OtherFrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        await CasePage.OpenAsync(frontDesk, "Export Ours Patient");
        await CasePage.OpenAsync(otherFrontDesk, "Export Theirs Patient");
        var otherId = fixture.World.Other.Id;
        var otherTrail = () => fixture.App.WithDbAsync(db => db.Audit.CountAsync(a => a.PracticeId == otherId));
        var before = await otherTrail();

        var refused = await manager.Http.GetAsync($"/queue?handler=Csv&Filter.Status=&Filter.PracticeId={otherId}&includeContacts=true");
        var everything = await manager.Http.GetAsync("/queue?handler=Csv&Filter.Status=&includeContacts=true");

        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await refused.Content.ReadAsStringAsync()).ShouldNotContain("Export Theirs Patient");
        everything.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = await everything.Content.ReadAsStringAsync();
        // References count per practice, so the patients tell the two cases apart.
        rows.ShouldContain("Export Ours Patient");
        rows.ShouldNotContain("Export Theirs Patient");
        rows.ShouldNotContain("Other Street Dental");
        (await otherTrail()).ShouldBe(before, "no export of the other practice's is on its trail");
        var ourExports = await fixture.App.WithDbAsync(db => db.Audit.Where(a => a.Kind == AuditKind.Export).OrderByDescending(a => a.At).Select(a => a.PracticeId).FirstAsync());
        ourExports.ShouldBe(fixture.World.Harbourside.Id);
    }

    [Fact]
    public async Task The_csv_export_writes_each_case_as_the_practice_reads_it()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await CasePage.OpenAsync(frontDesk, "Csv Row Patient");
        // Two amounts whose sum a binary fraction cannot hold exactly (40.1 + 0.2): the export still shows the cents.
        await page.SubmitAsync("#gesture-form", new() { ["Gesture.Kind"] = ((int)GestureKind.Discount).ToString(), ["Gesture.Amount"] = "40.1" });
        await page.SubmitAsync("#gesture-form", new() { ["Gesture.Kind"] = ((int)GestureKind.Refund).ToString(), ["Gesture.Amount"] = "0.2" });
        var reference = await ReferenceAsync(page.CaseId);

        // Bytes, decoded without dropping the byte-order mark, so the whole file is compared.
        var plain = System.Text.Encoding.UTF8.GetString(await manager.Http.GetByteArrayAsync($"/queue?handler=Csv&Filter.Reference={reference}"));
        var withContacts = System.Text.Encoding.UTF8.GetString(await manager.Http.GetByteArrayAsync($"/queue?handler=Csv&Filter.Reference={reference}&includeContacts=true"));

        var expected = await fixture.App.WithDbAsync(async db =>
        {
            var c = await db.Cases.Include(x => x.Defect).SingleAsync(x => x.Id == page.CaseId);
            var practice = await db.Practices.SingleAsync(p => p.Id == c.PracticeId);
            var stage = await db.Stages.SingleAsync(s => s.Id == c.Defect.StageId);
            var patient = await db.Patients.SingleAsync(p => p.Id == c.Defect.PatientId);
            var locale = new PracticeLocale(practice.TimeZoneId, practice.Culture, practice.Currency);
            var culture = locale.CultureInfo;
            string Time(DateTimeOffset t) => locale.ToLocal(t).ToString("g", culture);
            var fields = new[]
            {
                c.Reference, practice.Name, stage.Name, "", c.Defect.Severity.ToString(), c.Defect.Channel.Words(), Time(c.Defect.OccurredAt), Time(c.OpenedAt),
                c.Status.ToString(), c.CurrentStep!.Value.Title(), Time(c.NextDueAt!.Value), "No", TestWorld.FrontDeskName, "40.30",
            };
            return (Plain: string.Join(",", fields), Contacts: string.Join(",", [.. fields, patient.DisplayName, patient.Phone!, patient.Email!]));
        });
        plain.ShouldBe($"\uFEFFReference,Practice,Stage,Category,Severity,Reached us by,Happened,Opened,Status,Current step,Next due,Overdue,Owner,Gestures given (AUD)\r\n{expected.Plain}\r\n");
        withContacts.ShouldEndWith($",Patient,Phone,Email\r\n{expected.Contacts}\r\n");
    }

    [Fact]
    public async Task More_exports_at_once_than_may_run_together_wait_their_turn_and_all_complete()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await CasePage.OpenAsync(frontDesk, "Exported Many Times");
        var reference = await ReferenceAsync(page.CaseId);

        var exports = await Task.WhenAll(Enumerable.Range(0, ServiceRecovery.Web.Features.Queue.ExportGate.Capacity * 3).Select(async _ =>
        {
            using var response = await manager.Http.GetAsync($"/queue?handler=Csv&Filter.Reference={reference}");
            return (response.StatusCode, Text: await response.Content.ReadAsStringAsync());
        }));

        exports.ShouldAllBe(e => e.StatusCode == HttpStatusCode.OK);
        exports.ShouldAllBe(e => e.Text.Contains(reference));
    }

    [Fact]
    public async Task The_queue_costs_the_same_number_of_commands_however_many_cases_are_closed()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        await CasePage.OpenAsync(manager, "Cost One");
        var before = await CommandsForQueue(manager);
        for (var i = 0; i < 5; i++)
        {
            var page = await CasePage.OpenAsync(manager, $"Cost Closed {i}");
            await page.SubmitAsync("#withdraw-form", new() { ["Withdraw.Reason"] = "Logged twice." });
        }

        (await CommandsForQueue(manager)).ShouldBe(before);
    }

    [Fact]
    public async Task Each_facet_counts_ignore_their_own_filter_while_the_total_and_overdue_follow_every_filter()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var overdueMajor = await CasePage.OpenAsync(frontDesk, "Facet Overdue Major");
        var apologisedMinor = await CasePage.OpenAsync(frontDesk, "Facet Apologised Minor");
        var waitingMinor = await CasePage.OpenAsync(frontDesk, "Facet Waiting Minor");
        // Withdrawing needs a practice manager.
        var withdrawn = await CasePage.OpenAsync(manager, "Facet Withdrawn");
        await apologisedMinor.SubmitAsync("#apology-form", []);
        await withdrawn.SubmitAsync("#withdraw-form", new() { ["Withdraw.Reason"] = "Logged twice." });
        await MakeOverdueAsync(overdueMajor.CaseId);
        await SetSeverityAsync(overdueMajor.CaseId, Severity.Major);
        await SetSeverityAsync(apologisedMinor.CaseId, Severity.Minor);
        await SetSeverityAsync(waitingMinor.CaseId, Severity.Minor);

        foreach (var (step, severity) in new (ServiceStep?, Severity?)[]
                 {
                     (null, null), (ServiceStep.SaySorry, null), (null, Severity.Minor), (ServiceStep.SaySorry, Severity.Minor), (ServiceStep.ExpediteSolutions, Severity.Major),
                 })
        {
            var query = $"/queue?Filter.Step={step}&Filter.Severity={severity}";
            var page = await manager.GetPageAsync(query);
            var expected = await ExpectedCountsAsync(step, severity);

            var counts = page.QuerySelector("[data-testid=queue-counts]")!.TextContent;
            counts.ShouldContain($"{expected.Total} case(s)", customMessage: query);
            counts.ShouldContain($"{expected.Overdue} overdue", customMessage: query);
            foreach (var s in ServiceSteps.InOrder)
            {
                page.QuerySelector($"#f-step option[value={s}]")!.TextContent.ShouldEndWith($"({expected.ByStep[s]})", customMessage: query);
            }

            foreach (var v in Enum.GetValues<Severity>())
            {
                page.QuerySelector($"#f-severity option[value={v}]")!.TextContent.ShouldEndWith($"({expected.BySeverity[v]})", customMessage: query);
            }
        }

        var all = await ExpectedCountsAsync(null, null);
        all.Overdue.ShouldBeGreaterThan(0);
        (await ExpectedCountsAsync(ServiceStep.SaySorry, Severity.Minor)).Total.ShouldBeGreaterThan(0);

        // Not left overdue: the other tests expect their own overdue case at the top of the queue.
        await new CasePage(manager, overdueMajor.Url).SubmitAsync("#withdraw-form", new() { ["Withdraw.Reason"] = "Logged twice." });
    }

    [Fact]
    public async Task The_queue_reads_all_its_counts_in_one_query()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        await CasePage.OpenAsync(manager, "Counted Once");
        await manager.GetPageAsync("/queue");

        fixture.App.Commands.Reset();
        await manager.GetPageAsync($"/queue?Filter.Step={ServiceStep.SaySorry}&Filter.Severity={Severity.Minor}");

        fixture.App.Commands.Texts.Count(sql => sql.Contains("\"RecoveryCases\"", StringComparison.Ordinal) && sql.Contains("COUNT(", StringComparison.Ordinal)).ShouldBe(1);
    }

    /// <summary>The counts as the queue has always defined them, each read on its own from the open cases of the practice.</summary>
    private Task<(int Total, int Overdue, Dictionary<ServiceStep, int> ByStep, Dictionary<Severity, int> BySeverity)> ExpectedCountsAsync(ServiceStep? step, Severity? severity) =>
        fixture.App.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var open = db.Cases.Where(c => c.PracticeId == fixture.World.Harbourside.Id && c.Status == CaseStatus.Open);
            var ofStep = step is { } st ? open.Where(c => c.CurrentStep == st) : open;
            var ofSeverity = severity is { } sv ? open.Where(c => c.Severity == sv) : open;
            var both = severity is { } sv2 ? ofStep.Where(c => c.Severity == sv2) : ofStep;
            var byStep = new Dictionary<ServiceStep, int>();
            foreach (var s in ServiceSteps.InOrder)
            {
                byStep[s] = await ofSeverity.CountAsync(c => c.CurrentStep == s);
            }

            var bySeverity = new Dictionary<Severity, int>();
            foreach (var v in Enum.GetValues<Severity>())
            {
                bySeverity[v] = await ofStep.CountAsync(c => c.Severity == v);
            }

            return (await both.CountAsync(), await both.CountAsync(c => c.NextDueAt < now), byStep, bySeverity);
        });

    private Task<int> SetSeverityAsync(Guid caseId, Severity severity) => fixture.App.WithDbAsync(async db =>
    {
        var recoveryCase = await db.Cases.SingleAsync(c => c.Id == caseId);
        db.Entry(recoveryCase).Property(c => c.Severity).CurrentValue = severity;
        return await db.SaveChangesAsync();
    });

    private async Task<int> CommandsForQueue(WebClient client)
    {
        await client.GetPageAsync("/queue");
        fixture.App.Commands.Reset();
        await client.GetPageAsync("/queue");
        return fixture.App.Commands.Count;
    }

    private Task<string> ReferenceAsync(Guid caseId) =>
        fixture.App.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Reference).SingleAsync());

    /// <summary>Moves a case's apology due time into the past, so it is overdue now.</summary>
    private Task<int> MakeOverdueAsync(Guid caseId) => fixture.App.WithDbAsync(async db =>
    {
        var recoveryCase = await db.Cases.SingleAsync(c => c.Id == caseId);
        var past = recoveryCase.OpenedAt.AddHours(-1);
        db.Entry(recoveryCase).Property(c => c.NextDueAt).CurrentValue = past;
        db.Entry(recoveryCase).ComplexProperty(c => c.Steps).ComplexProperty(s => s.SaySorry).Property(t => t.DueAt).CurrentValue = past;
        return await db.SaveChangesAsync();
    });
}
