using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features.GettingStarted;

/// <summary>The home page is the busiest page: the getting-started checklist adds one database command to it, whatever the practice's history.</summary>
public sealed class HomePageCostTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_checklist_costs_a_manager_one_command_more_than_front_desk_and_front_desk_nothing()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        using var manager = await fixture.SignInAsync(TestWorld.Manager);

        var frontDeskCost = await CommandsFor(frontDesk);
        var managerCost = await CommandsFor(manager);

        (await manager.GetPageAsync("/")).QuerySelector("[data-testid=checklist]").ShouldNotBeNull("the manager's home page shows the checklist");
        managerCost.ShouldBe(frontDeskCost + 1, "every fact of the checklist is read in one command");
    }

    [Fact]
    public async Task The_checklist_reads_the_same_one_command_however_many_facts_the_practices_have()
    {
        using var admin = await fixture.SignInAsync(TestWorld.Administrator);
        var before = await CommandsFor(admin);

        await fixture.App.WithDbAsync(async db =>
        {
            var by = new Actor("someone", "Someone", StaffRole.PracticeManager);
            foreach (var practice in new[] { fixture.World.Harbourside.Id, fixture.World.Other.Id })
            {
                for (var i = 0; i < 20; i++)
                {
                    db.ChecklistMarks.Add(ChecklistMark.Record(practice, ChecklistMarkKind.LimitsSaved, by, DateTimeOffset.UtcNow));
                    db.Patients.Add(Patient.Create(practice, $"Patient {i}", null, $"patient{i}@example.test", null, DateTimeOffset.UtcNow, "AU"));
                    db.Outbox.Add(OutboxMessage.Create(practice, EmailKind.TestEmail, $"cost:{practice:N}:{i}", null, "manager@example.test", "Test", "Text", "<p>Html</p>", DateTimeOffset.UtcNow));
                }
            }

            return await db.SaveChangesAsync();
        });
        var after = await CommandsFor(admin);

        after.ShouldBe(before, "the number of commands must not grow with the facts");
        var home = await admin.GetPageAsync("/");
        home.QuerySelectorAll("[data-testid=checklist]").Length.ShouldBe(2, "one command serves the checklists of both practices");
    }

    private async Task<int> CommandsFor(WebClient client)
    {
        await client.GetPageAsync("/");
        fixture.App.Commands.Reset();
        await client.GetPageAsync("/");
        return fixture.App.Commands.Count;
    }
}
