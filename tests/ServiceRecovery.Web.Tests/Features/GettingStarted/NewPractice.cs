using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Seeding;

namespace ServiceRecovery.Web.Tests.Features.GettingStarted;

/// <summary>A practice just set up, with its one manager: what the getting-started checklist is for. One per test, so tests never share facts.</summary>
public sealed record NewPractice(Guid Id, string Name, string Manager)
{
    public static async Task<NewPractice> CreateAsync(AppFactory app)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<PracticeScope>().LiftForSystemWork();
        var db = services.GetRequiredService<AppDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var practice = Practice.CreateWithDefaults($"New Dental {tag}", $"new-{tag}", "Australia/Sydney", "en-AU", "AUD");
        db.Practices.Add(practice);
        await db.SaveChangesAsync();
        var manager = $"manager-{tag}@new.test";
        await IdentitySeed.CreateStaffAsync(services, manager, $"Manager {tag}", Roles.PracticeManager, TestWorld.Password, now, practice.Id);
        return new NewPractice(practice.Id, practice.Name, manager);
    }

    /// <summary>This practice's checklist on the home page, or null when the page shows none for it.</summary>
    public IHtmlElement? ChecklistOn(IHtmlDocument home) =>
        home.QuerySelectorAll("[data-testid=checklist]").OfType<IHtmlElement>().SingleOrDefault(c => c.GetAttribute("data-practice") == Id.ToString());

    /// <summary>Each item of this practice's checklist on the home page: (done?, the state the page says).</summary>
    public Dictionary<string, (bool Done, string State)> ItemsOn(IHtmlDocument home) =>
        (ChecklistOn(home) ?? throw new InvalidOperationException($"No checklist for {Name} on the page."))
        .QuerySelectorAll("[data-testid=checklist-item]")
        .ToDictionary(i => i.GetAttribute("data-item")!, i => (i.GetAttribute("data-done") == "true", i.QuerySelector("[data-testid=checklist-state]")!.TextContent.Trim()));
}
