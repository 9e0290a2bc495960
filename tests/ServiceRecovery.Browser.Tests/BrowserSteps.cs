using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ServiceRecovery.Testing;
using static Microsoft.Playwright.Assertions;

namespace ServiceRecovery.Browser.Tests;

/// <summary>What the browser tests do again and again, the way a user does it.</summary>
public static partial class BrowserSteps
{
    /// <summary>Set to a folder, the journeys save the user guide's screenshots there (docs/images).</summary>
    public const string ScreenshotsVariable = "SR_SCREENSHOTS";

    /// <summary>Signs in by keyboard: the email field has the focus when the page opens.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = TestWorld.Password, string? screenshot = null)
    {
        await page.GotoAsync("/Account/SignIn");
        await Expect(page.GetByLabel("Email")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(email);
        if (screenshot is not null)
        {
            await ScreenshotAsync(page, screenshot);
        }

        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(password);
        await page.Keyboard.PressAsync("Enter");
        // On a phone the name is in the folded menu: there, signed in means the menu button is on the bar.
        var signedIn = page.ViewportSize is { Width: < PhoneBreakpoint }
            ? page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true })
            : page.GetByTestId("signed-in-as");
        await Expect(signedIn).ToBeVisibleAsync();
    }

    /// <summary>Bootstrap's md breakpoint in CSS pixels: below it the navigation folds and the queue is a list of cards.</summary>
    public const int PhoneBreakpoint = 768;

    /// <summary>Logs a defect with the mouse and returns the new case's address; the keyboard journeys have their own tests.</summary>
    public static async Task<string> LogDefectAsync(IPage page, string patient, string description, string stage = "Arrival & reception")
    {
        await page.GotoAsync("/defects/log");
        await page.GetByLabel("Patient's name").FillAsync(patient);
        await page.GetByLabel("Phone").FillAsync("0412 555 010");
        await page.GetByLabel("Stage of the visit").SelectOptionAsync(new SelectOptionValue { Label = stage });
        await page.GetByLabel("What happened, in the patient's words").FillAsync(description);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the case" }).ClickAsync();
        await ShouldBeAcceptedAsync(page, page.GetByTestId("case-reference"));
        await Expect(page).ToHaveURLAsync(CaseUrl());
        return page.Url;
    }

    /// <summary>Chooses an option of the focused select the way a keyboard user does: by typing its first letters.</summary>
    public static async Task ChooseByTypingAsync(IPage page, string typed, string expected)
    {
        await page.Keyboard.TypeAsync(typed);
        await Expect(page.Locator("select:focus option:checked")).ToHaveTextAsync(expected);
    }

    /// <summary>Waits for the page after a submit and fails with the app's own words if it refused the form.</summary>
    public static async Task ShouldBeAcceptedAsync(IPage page, ILocator accepted)
    {
        var refused = page.Locator("#error-summary").Or(page.GetByTestId("conflict"));
        await Expect(accepted.Or(refused).First).ToBeVisibleAsync();
        if (await refused.First.IsVisibleAsync())
        {
            Assert.Fail($"The form was refused: {await refused.First.InnerTextAsync()}");
        }
    }

    /// <summary>Waits for the confirmation a case page shows after a save, such as "Fix recorded.".</summary>
    public static Task ShouldBeSavedAsync(IPage page, string flash) =>
        ShouldBeAcceptedAsync(page, page.Locator("#flash", new() { HasText = flash }));

    /// <summary>Presses Tab until <paramref name="target"/> has the focus, as a keyboard user moves through a form.</summary>
    public static async Task TabToAsync(IPage page, ILocator target, int maxPresses = 6)
    {
        // Marked once, so each press costs one look at the focus rather than finding the target again.
        await target.EvaluateAsync("e => e.setAttribute('data-tab-target', '')");
        for (var presses = 0; presses < maxPresses; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("() => document.activeElement?.hasAttribute('data-tab-target') === true"))
            {
                await target.EvaluateAsync("e => e.removeAttribute('data-tab-target')");
                return;
            }
        }

        var focused = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing'");
        Assert.Fail($"{maxPresses} presses of Tab did not reach {target}; the focus is on {focused}.");
    }

    /// <summary>
    /// Jumps to a step's section of the case page as a keyboard user does: "Skip to main content", then the step's link
    /// in the SERVICE checklist. The next Tab lands on the section's heading.
    /// </summary>
    public static async Task JumpToStepAsync(IPage page, string stepTitle)
    {
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await TabToAsync(page, skip, maxPresses: 1);
        await page.Keyboard.PressAsync("Enter");
        await TabToAsync(page, page.GetByTestId("steps").GetByRole(AriaRole.Link, new() { Name = stepTitle, Exact = true }), maxPresses: 12);
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>
    /// The sprite references (<c>/icons.….svg#name</c>) of the page's visible icons that draw nothing: a symbol the
    /// sprite lacks, or a sprite that did not load, leaves its <c>&lt;use&gt;</c> with an empty box. The sprite
    /// arrives after the page, so this waits a moment for the icons before it names the ones still empty.
    /// </summary>
    public static async Task<List<string>> IconsDrawingNothingAsync(IPage page)
    {
        const string empty = """
            () => [...document.querySelectorAll('svg.bi')]
                .filter(icon => icon.checkVisibility())
                .map(icon => icon.querySelector('use'))
                .filter(use => !use || use.getBBox().width === 0)
                .map(use => use ? use.getAttribute('href') : 'an icon without <use>')
            """;
        try
        {
            await page.WaitForFunctionAsync($"() => ({empty})().length === 0", null, new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            // Named below.
        }

        return [.. await page.EvaluateAsync<string[]>(empty)];
    }

    /// <summary>The serious and critical axe violations of the page as it is now, each with the elements at fault.</summary>
    public static async Task<List<string>> SeriousViolationsAsync(IPage page)
    {
        // Details of violations only: passes and the rest of axe's answer cost seconds to send on a big page.
        var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        var output = TestContext.Current.TestOutputHelper;
        foreach (var violation in result.Violations)
        {
            output?.WriteLine($"{page.Url}: [{violation.Impact}] {violation.Id}: {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes)
            {
                output?.WriteLine($"    {node.Target} {node.Html}\n      {Why(node)}");
            }
        }

        return serious.Select(v => $"{new Uri(page.Url).AbsolutePath}: [{v.Impact}] {v.Id}: {v.Help} — "
            + string.Join("; ", v.Nodes.Select(n => $"{n.Html} ({Why(n)})"))).ToList();
    }

    /// <summary>
    /// Saves a PNG of the page for the user guide when <c>SR_SCREENSHOTS</c> names a folder; otherwise does nothing.
    /// The viewport alone unless <paramref name="fullPage"/>, to keep the files small.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = false)
    {
        var folder = Environment.GetEnvironmentVariable(ScreenshotsVariable);
        if (string.IsNullOrWhiteSpace(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        // No caret blinking in a field, and the page as it rests: the same picture on every run.
        await page.ScreenshotAsync(new()
        {
            Path = Path.Combine(folder, $"{name}.png"),
            FullPage = fullPage,
            Caret = ScreenshotCaret.Hide,
            Animations = ScreenshotAnimations.Disabled,
        });
    }

    private static string Why(AxeResultNode node) =>
        string.Join(" ", new[] { node.Any, node.All, node.None }.Where(checks => checks is not null).SelectMany(checks => checks!).Select(c => c.Message));

    [GeneratedRegex(@"/defects/log$")]
    public static partial Regex LogDefectUrl();

    [GeneratedRegex(@"/cases/[0-9a-f-]{36}$")]
    public static partial Regex CaseUrl();

    [GeneratedRegex(@"^SR-\d{4}-\d{4}$")]
    public static partial Regex CaseReference();
}
