using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static ServiceRecovery.Browser.Tests.BrowserSteps;

namespace ServiceRecovery.Browser.Tests;

/// <summary>
/// The published app as an installation runs it: Production, HTTPS with a certificate from configuration, migrations
/// run by the app's <c>migrate</c> command. This is the only place the Secure-cookie path of Production is exercised
/// by a real browser.
/// </summary>
public sealed class PublishedAppTests(PublishedAppFixture fixture) : IClassFixture<PublishedAppFixture>
{
    [Fact]
    public async Task Over_https_the_sign_in_page_answers_with_hsts_and_a_secure_antiforgery_cookie()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync();

        var response = await page.GotoAsync("/Account/SignIn");

        response!.Status.ShouldBe(200);
        page.Url.ShouldStartWith($"https://{PublishedApp.HostName}:");
        (await response.HeaderValueAsync("strict-transport-security")).ShouldNotBeNull().ShouldStartWith("max-age=");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        // The stylesheet comes from the published wwwroot, which a plain build output serves in Development only.
        var stylesheet = await page.Locator("link[rel=stylesheet]").First.GetAttributeAsync("href");
        using (var http = fixture.App.CreateHttpClient())
        {
            using var css = await http.GetAsync(new Uri(new Uri($"https://127.0.0.1:{fixture.App.HttpsPort}/"), stylesheet));
            css.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // The sign-in form hands out the antiforgery cookie; the sign-in cookie itself is checked in the going-live journey.
        var antiforgery = (await page.Context.CookiesAsync()).SingleOrDefault(c => c.Name == "sr.af").ShouldNotBeNull("the browser holds the antiforgery cookie");
        antiforgery.Secure.ShouldBeTrue();
        antiforgery.HttpOnly.ShouldBeTrue();
        antiforgery.SameSite.ShouldBe(SameSiteAttribute.Strict);
    }

    [Fact]
    public async Task A_new_practice_goes_live_sets_up_invites_a_colleague_imports_its_patients_and_logs_a_defect_for_one()
    {
        fixture.RequireBrowser();
        var setupLink = await fixture.App.WaitForSetupLinkAsync(TimeSpan.FromSeconds(30));

        // The person installing it opens the printed link and creates the administrator and the practice.
        var admin = await fixture.NewPageAsync();
        (await admin.GotoAsync("/setup"))!.Status.ShouldBe(404, "without the token nobody can claim the installation");
        (await admin.GotoAsync(setupLink.ToString()))!.Status.ShouldBe(200);
        await Expect(admin.GetByLabel("Your name")).ToBeFocusedAsync();
        await admin.Keyboard.TypeAsync("Priya Administrator");
        await admin.GetByLabel("Your email").FillAsync("priya@harbourview.example");
        await admin.GetByLabel("Password", new() { Exact = true }).FillAsync(AdminPassword);
        await admin.GetByLabel("Practice name").FillAsync("Harbour View Dental");
        await admin.GetByLabel("Address for letters").FillAsync("12 Wharf Street\nHobart TAS 7000");
        await admin.GetByLabel("Phone").FillAsync("(03) 6200 1234");
        await admin.GetByLabel("Time zone").SelectOptionAsync("Australia/Hobart");
        await admin.GetByLabel("Comment-card address name").FillAsync("harbour-view");
        await ScreenshotAsync(admin, "setup", fullPage: true);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create the administrator and practice" }).ClickAsync();
        await ShouldBeSavedAsync(admin, "Harbour View Dental is set up and you are its administrator.");
        await Expect(admin.GetByTestId("checklist")).ToBeVisibleAsync();
        await ScreenshotAsync(admin, "checklist", fullPage: true);
        (await admin.GotoAsync(setupLink.ToString()))!.Status.ShouldBe(404, "after setup the link is spent");

        // The sign-in cookie is Secure: the Production path, over HTTPS.
        var auth = (await admin.Context.CookiesAsync()).SingleOrDefault(c => c.Name == "sr.auth").ShouldNotBeNull();
        auth.Secure.ShouldBeTrue();
        auth.HttpOnly.ShouldBeTrue();

        // They invite a colleague, who sets a password from the emailed link.
        await admin.GotoAsync("/staff/new");
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("Sam Reception");
        await admin.GetByLabel("Email", new() { Exact = true }).FillAsync("sam@harbourview.example");
        await admin.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Front desk" });
        await admin.GetByLabel("Harbour View Dental").CheckAsync();
        await ScreenshotAsync(admin, "invite", fullPage: true);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add to staff" }).ClickAsync();
        await ShouldBeSavedAsync(admin, "Invitation on its way to sam@harbourview.example.");

        var invitation = await EmailedLinkAsync("sam@harbourview.example");
        invitation.Host.ShouldBe(PublishedApp.HostName, "the link names the installation's public address");
        var colleague = await fixture.NewPageAsync();
        await colleague.GotoAsync(invitation.ToString());
        await colleague.GetByLabel("New password", new() { Exact = true }).FillAsync(ColleaguePassword);
        await colleague.GetByLabel("New password again").FillAsync(ColleaguePassword);
        await ScreenshotAsync(colleague, "set-password");
        await colleague.GetByRole(AriaRole.Button, new() { Name = "Set my password and sign in" }).ClickAsync();
        await ShouldBeSavedAsync(colleague, "Welcome, Sam Reception.");

        // The administrator imports the practice's patients from its PMS export (semicolons, a BOM, its own headings).
        await admin.GotoAsync("/patients/import");
        var csv = "\uFEFFPatient ID;Given name;Surname;Mobile phone;E-mail;Date of birth\r\n"
            + "D-2001;Zoë;Marsh;0412 345 678;zoe.marsh@example.test;1980-02-03\r\n"
            + "D-2002;Grace;Hopper;+61 413 222 333;;1966-12-09\r\n";
        await admin.GetByLabel("CSV file (at most 20 MB)").SetInputFilesAsync(new FilePayload
        {
            Name = "patients.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
        });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await admin.GetByLabel("PMS patient id").SelectOptionAsync(new SelectOptionValue { Label = "Patient ID" });
        await admin.GetByLabel("First name").SelectOptionAsync(new SelectOptionValue { Label = "Given name" });
        await admin.GetByLabel("Last name").SelectOptionAsync(new SelectOptionValue { Label = "Surname" });
        await admin.GetByLabel("Mobile").SelectOptionAsync(new SelectOptionValue { Label = "Mobile phone" });
        await admin.GetByLabel("Email", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "E-mail" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(admin.GetByTestId("preview-counts")).ToContainTextAsync("2 rows: 2 to add");
        await ScreenshotAsync(admin, "import", fullPage: true);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Import 2 patients" }).ClickAsync();
        await ShouldBeSavedAsync(admin, "Patients imported: 2 added");
        await admin.GotoAsync("/");
        foreach (var item in new[] { "Invite your staff", "Import your patients" })
        {
            await Expect(admin.GetByTestId("checklist-item").Filter(new() { HasText = item })).ToContainTextAsync("Done");
        }

        // The colleague finds an imported patient by the PMS id, logs the defect and records the apology.
        await colleague.GotoAsync("/defects/log");
        await colleague.GetByLabel("PMS id").FillAsync("D-2002");
        await colleague.GetByRole(AriaRole.Button, new() { Name = "Find existing patient" }).ClickAsync();
        var match = colleague.GetByTestId("patient-matches").GetByLabel(new System.Text.RegularExpressions.Regex("^Grace Hopper"));
        await match.CheckAsync();
        await colleague.GetByLabel("Stage of the visit").SelectOptionAsync(new SelectOptionValue { Label = "Arrival & reception" });
        await colleague.GetByLabel("What happened, in the patient's words").FillAsync("Nobody at the desk for ten minutes, then told the booking was lost.");
        await colleague.GetByRole(AriaRole.Button, new() { Name = "Open the case" }).ClickAsync();
        await ShouldBeAcceptedAsync(colleague, colleague.GetByTestId("case-reference"));
        await Expect(colleague.Locator("body")).ToContainTextAsync("Grace Hopper");
        var apology = colleague.Locator("#apology-form");
        await apology.GetByLabel("How", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "In person" });
        await apology.GetByRole(AriaRole.Button, new() { Name = "Record the apology" }).ClickAsync();
        await ShouldBeSavedAsync(colleague, "Apology recorded.");
        colleague.Url.ShouldStartWith($"https://{PublishedApp.HostName}:");
    }

    /// <summary>The link in the newest email to <paramref name="to"/> in the app's pickup folder, waiting for the sender to send it.</summary>
    private async Task<Uri> EmailedLinkAsync(string to)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            var messages = Directory.Exists(fixture.MailFolder)
                ? Directory.GetFiles(fixture.MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).ToList()
                : [];
            var body = messages.Where(m => m.To.Mailboxes.Any(a => a.Address == to)).Select(m => m.TextBody ?? m.HtmlBody ?? "").LastOrDefault();
            if (body is not null && System.Text.RegularExpressions.Regex.Match(body, @"https://[^\s""<>]+token=[A-Za-z0-9_\-]+") is { Success: true } link)
            {
                return new Uri(link.Value);
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No email with a link reached {to} within 60 s:{Environment.NewLine}{fixture.App.OutputTail}");
    }

    private const string AdminPassword = "Harbour-View-admin-2026";
    private const string ColleaguePassword = "Front-desk-Sam-2026";

    [Fact]
    public async Task Plain_http_is_redirected_to_the_https_address_and_the_https_port_serves_no_page_over_plain_http()
    {
        fixture.RequireBrowser();
        using var http = fixture.App.CreateHttpClient();

        using var redirect = await http.GetAsync(new Uri($"http://127.0.0.1:{fixture.App.HttpPort}/Account/SignIn"));

        redirect.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
        redirect.Headers.Location.ShouldBe(new Uri($"https://127.0.0.1:{fixture.App.HttpsPort}/Account/SignIn"));
        redirect.Headers.Contains("Set-Cookie").ShouldBeFalse("nothing is handed out over plain HTTP");

        // Plain HTTP sent to the HTTPS port: Kestrel refuses it, before the app sees it.
        HttpStatusCode? plainToHttps;
        try
        {
            using var answer = await http.GetAsync(new Uri($"http://127.0.0.1:{fixture.App.HttpsPort}/Account/SignIn"));
            plainToHttps = answer.StatusCode;
            (await answer.Content.ReadAsStringAsync()).ShouldNotContain("Sign in");
        }
        catch (HttpRequestException)
        {
            plainToHttps = null;
        }

        plainToHttps.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_migrate_command_brought_the_empty_database_up_to_date_runs_again_harmlessly_and_says_why_when_it_cannot()
    {
        fixture.RequireBrowser();

        fixture.App.Migration.ExitCode.ShouldBe(0);
        fixture.App.Migration.Output.ShouldStartWith("migrate: applied ");

        var again = await fixture.App.RunCommandAsync(["migrate"]);
        again.ExitCode.ShouldBe(0);
        again.Output.ShouldStartWith("migrate: nothing to apply; the Sqlite database is up to date");

        var refused = await fixture.App.RunCommandAsync(["migrate"], new Dictionary<string, string> { ["Database__Provider"] = "SqlServer" });
        refused.ExitCode.ShouldBe(2);
        refused.Output.ShouldBeEmpty();
        refused.Error.TrimEnd().Split('\n').ShouldHaveSingleItem()
            .ShouldBe("migrate: failed: ConnectionStrings:ServiceRecovery is required when Database:Provider is SqlServer. (InvalidOperationException)");
    }

    [Theory]
    [InlineData("[10:02:11 INF] First run: open https://localhost:5080/setup?token=Ab-9_x.Z to set up", "/setup?token=Ab-9_x.Z")]
    [InlineData("Set up this installation at /setup?token=abc123 (valid for 24 hours)", "/setup?token=abc123")]
    [InlineData("Now listening on: https://127.0.0.1:5001", null)]
    public void The_setup_link_is_read_from_the_line_the_app_prints_whatever_address_it_names(string line, string? expected)
    {
        PublishedApp.SetupLinkIn(line).ShouldBe(expected);
    }
}
