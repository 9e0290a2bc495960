using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

/// <summary>Appointments from a CSV file, beside the patient import: upload, columns, preview (nothing saved), import.</summary>
public sealed class AppointmentImportTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Page = "/patients/import/appointments";
    private static readonly CultureInfo EnAu = CultureInfo.GetCultureInfo("en-AU");
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private async Task PatientsAsync(WebClient manager, params string[] pmsIds)
    {
        var key = await ApiKeys.CreateAsync(manager, fixture.World.Harbourside.Id, "Patients " + Unique(), ApiScopes.PatientsWrite);
        using var pms = fixture.Anonymous();
        foreach (var pmsId in pmsIds)
        {
            var response = await pms.Http.SendAsync(ApiKeys.Put($"/api/v1/patients/{pmsId}", key, """{"name":"Mia Chen","phone":"0412 333 444"}"""));
            response.IsSuccessStatusCode.ShouldBeTrue();
        }
    }

    private static DateTime SydneyNow() => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Sydney).DateTime;

    private Task<int> AppointmentsWithIds(string id) =>
        fixture.App.WithDbAsync(db => db.Appointments.CountAsync(a => a.ExternalId.EndsWith(id)));

    [Fact]
    public async Task A_manager_previews_saving_nothing_then_imports_appointments_in_each_date_form_with_refused_rows_by_number()
    {
        var id = Unique();
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        await PatientsAsync(manager, "P1" + id, "P2" + id);
        var lastWeek = SydneyNow().AddDays(-7);
        var nextWeek = SydneyNow().AddDays(7);
        var csv = "Appointment ID,Patient ID,Start,Status\n"
            + $"A1{id},P1{id},{lastWeek.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)},Attended\n"
            + $"A2{id},P2{id},{DateTimeOffset.UtcNow.AddDays(3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)},booked\n"
            + $"A3{id},P1{id},{nextWeek.ToString("g", EnAu)},booked\n"
            + $"A4{id},NOBODY{id},{nextWeek.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)},booked\n"
            + $"A5{id},P2{id},next tuesday,booked\n";

        var columns = await UploadAsync(manager, Encoding.UTF8.GetBytes(csv));
        columns.QuerySelector("#Mapping_AppointmentId option[selected]")!.TextContent.ShouldBe("Appointment ID");
        columns.QuerySelector("#Mapping_PmsPatientId option[selected]")!.TextContent.ShouldBe("Patient ID");
        columns.QuerySelector("#Mapping_Start option[selected]")!.TextContent.ShouldBe("Start");
        columns.QuerySelector("#Mapping_Status option[selected]")!.TextContent.ShouldBe("Status");

        var preview = await PreviewAsync(manager, columns);
        preview.QuerySelector("[data-testid=preview-counts]")!.TextContent.ShouldContain("5 rows: 3 to add, 0 to update, 0 unchanged, 2 refused.");
        var refused = preview.QuerySelector("[data-testid=refused-rows]")!.TextContent;
        refused.ShouldContain("Row 5: The practice has no patient with the PMS patient id");
        refused.ShouldContain("Row 6: Give the start as a date and time");
        preview.QuerySelector("[data-testid=preview-rows]")!.TextContent.ShouldContain($"A3{id}");
        (await AppointmentsWithIds(id)).ShouldBe(0, "a preview saves nothing");

        var imported = await ImportAsync(manager, preview);
        imported.QuerySelector("[data-testid=result-counts]")!.TextContent.ShouldContain("5 rows: 3 added, 0 updated, 0 unchanged, 2 refused; 0 returns recorded");
        imported.QuerySelector("[data-testid=refused-rows]")!.TextContent.ShouldContain("Row 6:");
        var stored = await fixture.App.WithDbAsync(db => db.Appointments.AsNoTracking().Where(a => a.ExternalId.EndsWith(id)).ToDictionaryAsync(a => a.ExternalId));
        stored.Count.ShouldBe(3);
        stored["A1" + id].Status.ShouldBe(AppointmentStatus.Attended);
        stored["A1" + id].Source.ShouldBe(AppointmentSource.Csv);
        stored["A1" + id].StartsAt.ShouldBe(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(new DateTime(lastWeek.Year, lastWeek.Month, lastWeek.Day, lastWeek.Hour, lastWeek.Minute, 0), Sydney)));
        TimeZoneInfo.ConvertTime(stored["A3" + id].StartsAt, Sydney).DateTime.ShouldBe(new DateTime(nextWeek.Year, nextWeek.Month, nextWeek.Day, nextWeek.Hour, nextWeek.Minute, 0));
        var audit = await fixture.App.WithDbAsync(db => db.Audit.Where(a => a.Kind == AuditKind.AppointmentsImported).OrderBy(a => a.At).ToListAsync());
        audit.Last().Detail.ShouldContain("5 rows; 3 added, 0 updated, 0 unchanged, 2 refused");
        audit.ShouldAllBe(a => !a.Detail.Contains(id));
    }

    [Fact]
    public async Task The_same_appointments_file_imported_twice_is_all_unchanged_the_second_time()
    {
        var id = Unique();
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        await PatientsAsync(manager, "T1" + id);
        var csv = Encoding.UTF8.GetBytes("appointment id,pms patient id,start,status\n"
            + $"B1{id},T1{id},{SydneyNow().AddDays(-2).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)},attended\n"
            + $"B2{id},T1{id},{SydneyNow().AddDays(2).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)},booked\n");
        var first = await ImportAsync(manager, await PreviewAsync(manager, await UploadAsync(manager, csv)));
        first.QuerySelector("[data-testid=result-counts]")!.TextContent.ShouldContain("2 added");
        var before = await fixture.App.WithDbAsync(db => db.Appointments.AsNoTracking().Where(a => a.ExternalId.EndsWith(id)).OrderBy(a => a.ExternalId)
            .Select(a => new { a.Id, a.StartsAt, a.Status, a.UpdatedAt }).ToListAsync());

        var preview = await PreviewAsync(manager, await UploadAsync(manager, csv));
        preview.QuerySelector("[data-testid=preview-counts]")!.TextContent.ShouldContain("2 rows: 0 to add, 0 to update, 2 unchanged, 0 refused.");
        var again = await ImportAsync(manager, preview);

        again.QuerySelector("[data-testid=result-counts]")!.TextContent.ShouldContain("2 rows: 0 added, 0 updated, 2 unchanged, 0 refused");
        var after = await fixture.App.WithDbAsync(db => db.Appointments.AsNoTracking().Where(a => a.ExternalId.EndsWith(id)).OrderBy(a => a.ExternalId)
            .Select(a => new { a.Id, a.StartsAt, a.Status, a.UpdatedAt }).ToListAsync());
        after.ShouldBe(before);
    }

    [Fact]
    public async Task The_patient_import_page_links_to_the_appointment_import()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await manager.GetPageAsync("/patients/import");
        page.QuerySelector("[data-testid=import-appointments-link]")!.GetAttribute("href")!.ShouldStartWith(Page);
    }

    private static string Token(IHtmlDocument page, string form) =>
        page.QuerySelector($"{form} input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private static async Task<IHtmlDocument> UploadAsync(WebClient client, byte[] file)
    {
        var page = await client.GetPageAsync(Page);
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Token(page, "#upload-form")), "__RequestVerificationToken" },
            { part, "File", "appointments.csv" },
        };
        var response = await client.Http.PostAsync(page.QuerySelector("#upload-form")!.GetAttribute("action"), content);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return await client.GetPageAsync(response.Headers.Location!.OriginalString);
    }

    private static async Task<IHtmlDocument> PreviewAsync(WebClient client, IHtmlDocument columns)
    {
        var response = await client.SubmitAsync(columns, "#columns-form", []);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await WebClient.ParseAsync(response);
    }

    private static async Task<IHtmlDocument> ImportAsync(WebClient client, IHtmlDocument preview)
    {
        var response = await client.SubmitAsync(preview, "#import-form", []);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await WebClient.ParseAsync(response);
    }
}
