using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using ServiceRecovery.Testing;
using static Microsoft.Playwright.Assertions;
using static ServiceRecovery.Browser.Tests.BrowserSteps;

namespace ServiceRecovery.Browser.Tests;

/// <summary>
/// The practice's PMS connected, as the practice lives it: a manager creates an API key; a PMS bridge (this test, over
/// HTTP) sends a patient, a defect from the phone system and the patient's bookings; the front desk sees the patient
/// coming back and records the welcome back by keyboard; the huddle board shows the case without a name; and the
/// attended visit, as the PMS reports it, settles Extend the outcome.
/// </summary>
public sealed class PmsJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string PatientName = "Eleanor Rigby";

    [Fact]
    public async Task A_pms_bridge_feeds_the_practice_and_the_front_desk_welcomes_the_patient_back_and_their_visit_settles_extend()
    {
        fixture.RequireBrowser();
        var practiceId = fixture.App.World.Harbourside.Id;
        var violations = new List<string>();

        // The manager creates the bridge's key; it is shown once.
        var manager = await fixture.NewPageAsync();
        await SignInAsync(manager, TestWorld.Manager);
        await manager.GotoAsync($"/settings/api-keys?practice={practiceId}");
        await manager.GetByLabel("Name").FillAsync("PMS bridge");
        foreach (var scope in new[] { "patients:write", "appointments:write", "defects:write", "cases:read" })
        {
            await manager.GetByLabel(scope, new() { Exact = true }).CheckAsync();
        }

        await manager.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var shown = manager.GetByTestId("new-key");
        await Expect(shown).ToBeVisibleAsync();
        await ScreenshotAsync(manager, "api-key-created");
        var key = await shown.GetByLabel("API key").InputValueAsync();

        // The bridge: the patient, a defect from the phone system, and two bookings (today, and tomorrow at 10:30).
        using var pms = new HttpClient { BaseAddress = fixture.App.ServerAddress };
        pms.DefaultRequestHeaders.Add("X-Api-Key", key);
        (await SendAsync(pms, HttpMethod.Put, "/api/v1/patients/PMS-7001", new { name = PatientName, phone = "0412 555 701" })).ShouldBe(201);
        using var stages = JsonDocument.Parse(await pms.GetStringAsync("/api/v1/stages"));
        var stage = stages.RootElement.GetProperty("stages")[0].GetProperty("name").GetString()!;
        using var defect = await PostAsync(pms, "/api/v1/defects", new
        {
            pmsPatientId = "PMS-7001",
            stage,
            severity = "moderate",
            channel = "phone",
            description = "Waited forty minutes past the appointment time and nobody said why.",
        });
        var reference = defect.RootElement.GetProperty("reference").GetString()!;

        var zone = TimeZoneInfo.FindSystemTimeZoneById(fixture.App.World.Harbourside.TimeZoneId);
        var now = DateTimeOffset.UtcNow;
        var localNow = TimeZoneInfo.ConvertTime(now, zone);
        // Today's visit has begun (so the PMS may mark it attended), without crossing midnight.
        var todayStart = localNow.TimeOfDay > TimeSpan.FromMinutes(2) ? now.AddMinutes(-1) : now;
        var tomorrowLocal = localNow.Date.AddDays(1).AddHours(10).AddMinutes(30);
        var tomorrowStart = new DateTimeOffset(tomorrowLocal, zone.GetUtcOffset(tomorrowLocal));
        using var booked = await PostAsync(pms, "/api/v1/appointments", new
        {
            appointments = new[]
            {
                new { appointmentId = "APT-7001-1", pmsPatientId = "PMS-7001", start = Iso(todayStart), status = "booked" },
                new { appointmentId = "APT-7001-2", pmsPatientId = "PMS-7001", start = Iso(tomorrowStart), status = "booked" },
            },
        });
        booked.RootElement.GetProperty("added").GetInt32().ShouldBe(2);

        // The front desk sees who is coming back, with the case and the suggested gesture, and records the welcome back by keyboard.
        var desk = await fixture.NewPageAsync();
        await SignInAsync(desk, TestWorld.FrontDesk);
        await desk.GotoAsync("/");
        var rows = desk.GetByTestId("welcome-back-row").Filter(new() { HasText = reference });
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Last).ToContainTextAsync($"{PatientName} — back tomorrow at 10:30");
        await Expect(rows.First.GetByTestId("welcome-back-gesture")).Not.ToBeEmptyAsync();
        violations.AddRange(await SeriousViolationsAsync(desk));
        await ScreenshotAsync(desk, "welcome-back-list");

        await rows.First.GetByRole(AriaRole.Link, new() { Name = "Record the welcome back" }).ClickAsync();
        var welcome = desk.Locator("#welcome-form");
        await Expect(welcome).ToBeVisibleAsync();
        await welcome.GetByLabel("Who greeted them").FocusAsync();
        await desk.Keyboard.TypeAsync("Mia at the front desk");
        await desk.Keyboard.PressAsync("Tab");
        await desk.Keyboard.TypeAsync("Apologised again for the wait in person and offered tea while she waited.");
        await desk.Keyboard.PressAsync("Enter");
        await ShouldBeSavedAsync(desk, "Welcome back recorded.");
        await Expect(desk.GetByTestId("welcome-back-recorded")).ToContainTextAsync("Welcomed back by Mia at the front desk");
        await ScreenshotAsync(desk, "welcome-back-recorded");

        // The board on the shared screen: the case, its stage and the time; never the patient's name.
        await desk.GotoAsync($"/huddle?practice={practiceId}");
        var panel = desk.Locator("[data-panel=welcome-back]");
        await Expect(panel).ToContainTextAsync(reference);
        (await desk.ContentAsync()).ShouldNotContain(PatientName);
        await ScreenshotAsync(desk, "huddle-welcome-back");

        // The PMS reports today's visit attended: the patient's return is recorded and Extend the outcome is done.
        using var attended = await PostAsync(pms, "/api/v1/appointments", new
        {
            appointments = new[] { new { appointmentId = "APT-7001-1", pmsPatientId = "PMS-7001", start = Iso(todayStart), status = "attended" } },
        });
        attended.RootElement.GetProperty("updated").GetInt32().ShouldBe(1);
        attended.RootElement.GetProperty("returnsRecorded").GetInt32().ShouldBe(1);
        using var read = JsonDocument.Parse(await pms.GetStringAsync($"/api/v1/cases/{reference}"));
        read.RootElement.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "extend-outcome")
            .GetProperty("state").GetString().ShouldBe("done");

        await desk.GotoAsync("/");
        await desk.GetByTestId("welcome-back-row").Filter(new() { HasText = reference }).First.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(desk.GetByTestId("patient-return")).ToContainTextAsync("seen in the practice-management system");
        await Expect(desk.Locator("[data-testid=steps] [data-step=ExtendOutcome]")).ToHaveAttributeAsync("data-state", "Done");
        violations.AddRange(await SeriousViolationsAsync(desk));
        violations.ShouldBeEmpty();
    }

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static async Task<int> SendAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static async Task<JsonDocument> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"{path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text);
    }
}
