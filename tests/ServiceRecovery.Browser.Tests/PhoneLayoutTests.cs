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
    private const string CaseClosed = "case page (a closed case, every step recorded)";
    private const string PatientRecord = "patient record";
    private const string ImprovementPage = "an improvement";

    [Fact]
    public async Task No_page_scrolls_sideways_on_a_390px_phone_and_none_has_serious_accessibility_violations_there()
    {
        fixture.RequireBrowser();
        var overflowing = new List<string>();
        var violations = new List<string>();

        var signedOut = await fixture.NewPageAsync(Phone);
        await VisitAsync(signedOut, "sign-in", "/Account/SignIn", overflowing, violations);
        await VisitAsync(signedOut, "forgot password", "/Account/ForgotPassword", overflowing, violations);
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
            (CaseClosed, "/queue?Filter.Status=Closed"),
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
                CaseMidway or CaseClosed => await FirstLinkAsync(page, path, page.GetByTestId("queue").Locator("tbody tr[data-case] a")),
                PatientRecord => await FirstLinkAsync(page, casePath!, page.GetByTestId("patient-record-link")),
                ImprovementPage => await FirstLinkAsync(page, path, page.Locator("main a[href^='/improvements/']")),
                _ => path,
            };
            casePath = name == CaseMidway ? target : casePath;
            await VisitAsync(page, name, target, overflowing, violations);
        }

        // The demo practice starts with its getting-started checklist dismissed: shown again, the home page carries it.
        await page.GotoAsync("/settings");
        await page.Locator("#show-checklist-form").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator("#flash")).ToBeVisibleAsync();
        await VisitAsync(page, "getting started (the home page's checklist)", "/", overflowing, violations);
        await Expect(page.GetByTestId("checklist")).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        // Practices, the audit trail and the outbox are the administrator's.
        var admin = await fixture.NewPageAsync(Phone);
        await SignInAsync(admin, Admin, DemoBrowserFixture.Password);
        await VisitAsync(admin, "practices", "/practices", overflowing, violations);
        await VisitAsync(admin, "audit", "/audit", overflowing, violations);
        await VisitAsync(admin, "outbox", "/outbox", overflowing, violations);
        await admin.Context.CloseAsync();

        overflowing.ShouldBeEmpty("these pages scroll sideways at 390 px:\n" + string.Join("\n", overflowing));
        violations.ShouldBeEmpty("axe found serious or critical violations at 390 px:\n" + string.Join("\n", violations));
    }

    [Fact]
    public async Task On_a_phone_the_links_wait_behind_the_menu_button_which_opens_by_keyboard()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync(Phone);
        await SignInAsync(page, DemoBrowserFixture.Manager, DemoBrowserFixture.Password);
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true });
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        var queue = nav.GetByRole(AriaRole.Link, new() { Name = "Queue", Exact = true });

        // Folded: the bar is the brand, Log a defect and the button; the links and the account's controls are not shown.
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(menu).ToHaveAttributeAsync("aria-controls", "main-menu");
        foreach (var link in new[] { "Open cases", "Queue", "Improvements", "Huddle board", "Approvals", "Reports", "Settings", "Staff" })
        {
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = link, Exact = true })).ToBeHiddenAsync();
        }

        await Expect(page.GetByTestId("signed-in-as")).ToBeHiddenAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Log a defect" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "menu-phone-folded");
        var bar = await page.Locator("header nav").BoundingBoxAsync();
        bar!.Height.ShouldBeLessThan(80, "the folded bar is one line");

        // By keyboard: past "Skip to main content", the brand and Log a defect to the button; Enter opens it.
        await TabToAsync(page, menu, maxPresses: 4);
        await page.Keyboard.PressAsync("Enter");
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(queue).ToBeVisibleAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "menu-phone-open");
        var found = await SeriousViolationsAsync(page);
        found.ShouldBeEmpty("axe found serious or critical violations with the menu open:\n" + string.Join("\n", found));

        // The next Tab goes into the links, in their order; Enter follows one.
        await TabToAsync(page, queue, maxPresses: 2);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/queue$"));
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");

        // The N shortcut works with the menu folded, as on a desktop.
        await page.Locator("main h1").ClickAsync();
        await page.Keyboard.PressAsync("n");
        await Expect(page).ToHaveURLAsync(LogDefectUrl());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_the_queue_is_a_list_of_cards_with_every_column_labelled()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync(Phone);
        await SignInAsync(page, DemoBrowserFixture.Manager, DemoBrowserFixture.Password);
        await page.GotoAsync("/queue");
        var queue = page.GetByTestId("queue");
        var rows = queue.Locator("tbody tr[data-case]");
        await Expect(rows).ToHaveCountAsync(25);

        // No header row: each card says what its lines are, and the reference links are there to tap.
        await Expect(queue.Locator("thead")).ToBeHiddenAsync();
        var references = queue.Locator("tbody tr[data-case] td:first-child a");
        await Expect(references.First).ToBeVisibleAsync();
        (await references.AllInnerTextsAsync()).ShouldAllBe(text => CaseReference().IsMatch(text.Trim()));
        var first = rows.First;
        foreach (var label in new[] { "Stage", "Severity", "Step", "Next due", "Owner" })
        {
            await Expect(first.Locator(".cell-label", new() { HasTextString = label })).ToBeVisibleAsync();
        }

        var reference = (await references.First.InnerTextAsync()).Trim();
        await Expect(first.GetByLabel($"Owner of {reference}")).ToBeVisibleAsync();

        // Cards, one under another, each the width of the list: not a table squeezed or scrolled sideways.
        var list = await queue.BoundingBoxAsync();
        var one = await first.BoundingBoxAsync();
        var two = await rows.Nth(1).BoundingBoxAsync();
        one!.Width.ShouldBe(list!.Width, 1, "a card is as wide as the list");
        two!.Y.ShouldBeGreaterThanOrEqualTo(one.Y + one.Height, "the second card is below the first");
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
            .ShouldBeTrue("the queue scrolls sideways on a phone");
        var found = await SeriousViolationsAsync(page);
        found.ShouldBeEmpty("axe found serious or critical violations in the queue's cards:\n" + string.Join("\n", found));
        await rows.Nth(1).ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "queue-phone");

        // From md up the same markup is the table as ever: its header, and no labels in the cells.
        await page.SetViewportSizeAsync(BrowserHost.DefaultViewport.Width, BrowserHost.DefaultViewport.Height);
        await Expect(queue.Locator("thead")).ToBeVisibleAsync();
        await Expect(first.Locator(".cell-label").First).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Opens the page, waits for it to settle, and notes it with the elements that stick out if it is wider than the screen,
    /// and its serious accessibility violations (a phone's layout is what Lighthouse checks by default).
    /// </summary>
    private static async Task VisitAsync(IPage page, string name, string path, List<string> overflowing, List<string> violations)
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

        violations.AddRange((await SeriousViolationsAsync(page)).Select(v => $"{name}: {v}"));
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
            // Inside a box that scrolls (or clips) itself, an element does not widen the page, unless it is positioned
            // against something outside the box (a visually hidden label is).
            const boxed = e => {
                if (['absolute', 'fixed'].includes(getComputedStyle(e).position)) { return false; }
                for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                    if (getComputedStyle(a).overflowX !== 'visible') { return true; }
                }
                return false;
            };
            const out = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > edge + 0.5 && !boxed(e));
            const innermost = out.filter(e => !out.some(o => o !== e && e.contains(o)));
            const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + [...e.classList].map(c => '.' + c).join('')
                + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)';
            return innermost.slice(0, 6).map(name);
        }
        """;
}
