using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static ServiceRecovery.Browser.Tests.BrowserSteps;

namespace ServiceRecovery.Browser.Tests;

/// <summary>
/// The staff pages on a phone (390×844 CSS pixels), on the demo practice with its two hundred cases: no page
/// scrolls sideways, the navigation folds behind a menu button, and the queue is a list of cards.
/// Its own app: the walk shows the getting-started checklist again, which the other classes' pages must not see.
/// </summary>
public sealed class PhoneLayoutTests(DemoBrowserFixture fixture) : IClassFixture<DemoBrowserFixture>
{
    /// <summary>A common phone, in CSS pixels.</summary>
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private const string Admin = "admin@harbourside.example";

    /// <summary>Pages a first-page link leads to, found on the way rather than known in advance.</summary>
    private const string CaseMidway = "case page (a case mid-way)";
    private const string PatientRecord = "patient record";
    private const string ImprovementPage = "an improvement";

    [Fact]
    public async Task No_page_scrolls_sideways_on_a_390px_phone()
    {
        fixture.RequireBrowser();
        var overflowing = new List<string>();

        var signedOut = await fixture.NewPageAsync(Phone);
        await VisitAsync(signedOut, "sign-in", "/Account/SignIn", overflowing);
        await VisitAsync(signedOut, "forgot password", "/Account/ForgotPassword", overflowing);
        await signedOut.Context.CloseAsync();

        var page = await fixture.NewPageAsync(Phone);
        await SignInAsync(page, DemoBrowserFixture.Manager, DemoBrowserFixture.Password);
        (string Name, string Path)[] managersPages =
        [
            ("open cases", "/"),
            ("queue", "/queue"),
            ("queue, every filter used", "/queue?Filter.Status=Open&Filter.Step=ExtendOutcome&Filter.Severity=Moderate&Filter.Owner=none&Filter.From=2026-01-01&Filter.To=2026-12-31&Filter.Complaints=true"),
            (CaseMidway, "/queue?Filter.Step=CommunicateResults"),
            (PatientRecord, ""),
            ("log a defect", "/defects/log"),
            ("approvals", "/approvals"),
            ("huddle board", "/huddle"),
            ("huddle display link", "/huddle/display-link"),
            ("reports", "/reports"),
            ("complaint report", "/reports/complaints"),
            ("improvements", "/improvements"),
            (ImprovementPage, "/improvements"),
            ("settings", "/settings"),
            ("letter templates", "/settings/letters"),
            ("comment card settings", "/settings/comment-card"),
            ("staff", "/staff"),
            ("new staff member", "/staff/new"),
            ("patients import", "/patients/import"),
            ("appointments import", "/patients/import/appointments"),
            ("email preferences", "/Account/Email"),
            ("change password", "/Account/ChangePassword"),
        ];
        string? casePath = null;
        foreach (var (name, path) in managersPages)
        {
            var target = name switch
            {
                CaseMidway => await FirstLinkAsync(page, path, page.GetByTestId("queue").Locator("tbody tr[data-case] a")),
                PatientRecord => await FirstLinkAsync(page, casePath!, page.GetByTestId("patient-record-link")),
                ImprovementPage => await FirstLinkAsync(page, path, page.Locator("main a[href^='/improvements/']")),
                _ => path,
            };
            casePath = name == CaseMidway ? target : casePath;
            await VisitAsync(page, name, target, overflowing);
        }

        // The demo practice starts with its getting-started checklist dismissed: shown again, the home page carries it.
        await page.GotoAsync("/settings");
        await page.Locator("#show-checklist-form").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator("#flash")).ToBeVisibleAsync();
        await VisitAsync(page, "getting started (the home page's checklist)", "/", overflowing);
        await Expect(page.GetByTestId("checklist")).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        // Practices, the audit trail and the outbox are the administrator's.
        var admin = await fixture.NewPageAsync(Phone);
        await SignInAsync(admin, Admin, DemoBrowserFixture.Password);
        await VisitAsync(admin, "practices", "/practices", overflowing);
        await VisitAsync(admin, "audit", "/audit", overflowing);
        await VisitAsync(admin, "outbox", "/outbox", overflowing);
        await admin.Context.CloseAsync();

        overflowing.ShouldBeEmpty("these pages scroll sideways at 390 px:\n" + string.Join("\n", overflowing));
    }

    /// <summary>Opens the page, waits for it to settle, and notes it with the elements that stick out if it is wider than the screen.</summary>
    private static async Task VisitAsync(IPage page, string name, string path, List<string> overflowing)
    {
        var response = await page.GotoAsync(path);
        response.ShouldNotBeNull();
        response.Status.ShouldBe(200, $"GET {path} ({name})");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var width = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        if (width[0] > width[1])
        {
            var culprits = await page.EvaluateAsync<string[]>(StickingOut);
            overflowing.Add($"{name} ({path}): {width[0]} px wide on a {width[1]} px screen; past the edge: {string.Join(", ", culprits)}");
        }
    }

    private static async Task<string> FirstLinkAsync(IPage page, string path, ILocator links)
    {
        await page.GotoAsync(path);
        return (await links.First.GetAttributeAsync("href"))!;
    }

    /// <summary>The innermost few elements whose right edge is past the screen's, as tag#id.class, for the failure message.</summary>
    private const string StickingOut = """
        () => {
            const edge = document.documentElement.clientWidth;
            // Inside a box that scrolls (or clips) itself, an element does not widen the page.
            const boxed = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) { if (getComputedStyle(a).overflowX !== 'visible') { return true; } } return false; };
            const out = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > edge + 0.5 && !boxed(e));
            const innermost = out.filter(e => !out.some(o => o !== e && e.contains(o)));
            const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + [...e.classList].map(c => '.' + c).join('')
                + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)';
            return innermost.slice(0, 6).map(name);
        }
        """;
}
