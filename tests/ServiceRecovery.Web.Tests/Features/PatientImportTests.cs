using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Features;

public sealed class PatientImportTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Manager_imports_a_csv_and_front_desk_then_finds_the_patients_by_pms_id_and_by_any_phone_form()
    {
        var id = Unique();
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var csv = $"Patient ID,First name,Surname,Date of birth,Mobile,Home phone,Email\n"
            + $"A{id},Ingrid,Halvorsen,1980-02-03,0412 111 {Random.Shared.Next(100, 999)},02 9876 5432,ingrid.{id}@example.test\n"
            + $"B{id},Tomas,Lindqvist,1975-07-08,,,tomas.{id}@example.test\n";

        var columns = await UploadAsync(manager, Encoding.UTF8.GetBytes(csv));
        columns.QuerySelector("#Mapping_PmsId option[selected]")!.TextContent.ShouldBe("Patient ID");
        columns.QuerySelector("#Mapping_FirstName option[selected]")!.TextContent.ShouldBe("First name");
        columns.QuerySelector("#Mapping_LastName option[selected]")!.TextContent.ShouldBe("Surname");
        columns.QuerySelector("#Mapping_Mobile option[selected]")!.TextContent.ShouldBe("Mobile");
        columns.QuerySelector("#Mapping_OtherPhone option[selected]")!.TextContent.ShouldBe("Home phone");
        columns.QuerySelector("main")!.TextContent.ShouldContain("date of birth and any other column are never kept");

        var preview = await PreviewAsync(manager, columns);
        preview.QuerySelector("[data-testid=preview-counts]")!.TextContent.ShouldContain("2 rows: 2 to add, 0 to update, 0 unchanged");
        preview.QuerySelector("[data-testid=preview-rows]")!.TextContent.ShouldContain("Ingrid Halvorsen");
        preview.QuerySelector("[data-testid=preview-rows]")!.TextContent.ShouldNotContain("1980-02-03");
        (await PatientsWithIds(id)).ShouldBe(0, "a preview saves nothing");

        var imported = await ImportAsync(manager, preview);
        imported.QuerySelector("#flash")!.TextContent.ShouldContain("Patients imported: 2 added, 0 updated, 0 unchanged, 0 possible duplicates skipped, 0 rows refused.");
        (await PatientsWithIds(id)).ShouldBe(2);
        var uploadId = Guid.Parse(System.Text.RegularExpressions.Regex.Match(ActionOf(columns, "#columns-form"), "upload=([0-9a-f-]+)").Groups[1].Value);
        (await fixture.App.WithDbAsync(db => db.PatientImportUploads.CountAsync(u => u.Id == uploadId))).ShouldBe(0, "the upload is removed when imported");

        var audit = await fixture.App.WithDbAsync(db => db.Audit.Where(a => a.Kind == AuditKind.PatientsImported).OrderBy(a => a.At).ToListAsync());
        audit.Last().Detail.ShouldContain("2 rows; 2 added, 0 updated, 0 unchanged");
        audit.Last().ActorName.ShouldBe(TestWorld.ManagerName);
        audit.ShouldAllBe(a => !a.Detail.Contains("Ingrid") && !a.Detail.Contains(id));
        (await fixture.App.ReadLogsAsync()).ShouldNotContain("Halvorsen");

        var stored = await fixture.App.WithDbAsync(db => db.Patients.SingleAsync(p => p.ExternalId == "A" + id));
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        (await FindAsync(frontDesk, pmsId: "A" + id)).ShouldBe(["Ingrid Halvorsen"]);
        (await FindAsync(frontDesk, phone: "+61 " + stored.PhoneE164![3..])).ShouldContain("Ingrid Halvorsen");
        (await FindAsync(frontDesk, phone: stored.PhoneE164![1..])).ShouldContain("Ingrid Halvorsen");
        (await FindAsync(frontDesk, pmsId: "a" + id)).ShouldBeEmpty("the PMS id is matched exactly");
    }

    [Fact]
    public async Task Re_importing_the_same_file_changes_nothing()
    {
        var id = Unique();
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var csv = Encoding.UTF8.GetBytes($"Name,Mobile,Email,PMS id\nRosa Delgado,0413 222 {Random.Shared.Next(100, 999)},,C{id}\nNo Id Person,,noid.{id}@example.test,\n");
        await ImportAsync(manager, await PreviewAsync(manager, await UploadAsync(manager, csv)));
        var before = await fixture.App.WithDbAsync(db => db.Patients.OrderBy(p => p.Id).Select(p => new { p.Id, p.DisplayName, p.Phone, p.Email, p.ExternalId }).ToListAsync());

        var preview = await PreviewAsync(manager, await UploadAsync(manager, csv));
        preview.QuerySelector("[data-testid=preview-counts]")!.TextContent.ShouldContain("2 rows: 0 to add, 0 to update, 1 unchanged, 1 possible duplicates to skip");
        preview.QuerySelector("[data-testid=duplicate-rows]")!.TextContent.ShouldContain("Row 3: No PMS patient id, and an existing patient has the same email address: skipped, not merged.");
        var again = await ImportAsync(manager, preview);

        again.QuerySelector("#flash")!.TextContent.ShouldContain("0 added, 0 updated, 1 unchanged, 1 possible duplicates skipped");
        var after = await fixture.App.WithDbAsync(db => db.Patients.OrderBy(p => p.Id).Select(p => new { p.Id, p.DisplayName, p.Phone, p.Email, p.ExternalId }).ToListAsync());
        after.ShouldBe(before);
    }

    [Fact]
    public async Task A_row_with_a_known_pms_id_updates_that_patient_and_only_the_fields_that_changed()
    {
        var id = Unique();
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        await ImportAsync(manager, await PreviewAsync(manager, await UploadAsync(manager, Encoding.UTF8.GetBytes(
            $"Name,Mobile,Email,PMS id\nKeiko Tanaka,0414 333 444,keiko.{id}@example.test,D{id}\nLeft Alone,0414 333 555,,E{id}\n"))));

        var preview = await PreviewAsync(manager, await UploadAsync(manager, Encoding.UTF8.GetBytes(
            $"Name,Mobile,Email,PMS id\nKeiko Tanaka,+61 414 333 444,keiko.new.{id}@example.test,D{id}\nLeft Alone,61414333555,,E{id}\n")));
        preview.QuerySelector("[data-testid=preview-counts]")!.TextContent.ShouldContain("0 to add, 1 to update, 1 unchanged");
        var imported = await ImportAsync(manager, preview);

        imported.QuerySelector("#flash")!.TextContent.ShouldContain("0 added, 1 updated, 1 unchanged");
        var keiko = await fixture.App.WithDbAsync(db => db.Patients.SingleAsync(p => p.ExternalId == "D" + id));
        keiko.Email.ShouldBe($"keiko.new.{id}@example.test");
        keiko.Phone.ShouldBe("0414 333 444", "the same number written another way is no change");
    }

    [Fact]
    public async Task A_pms_id_on_two_rows_refuses_the_whole_import_with_the_row_numbers_and_nothing_is_imported()
    {
        var id = Unique();
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var columns = await UploadAsync(manager, Encoding.UTF8.GetBytes(
            $"Name,Email,PMS id\nFirst Good,first.{id}@example.test,F{id}\nSecond,second.{id}@example.test,S{id}\nThird,third.{id}@example.test,S{id}\n"));

        var preview = await PreviewAsync(manager, columns);

        preview.QuerySelector("#error-summary")!.TextContent.ShouldContain($"Nothing was imported: a PMS patient id must belong to one row, and these are on more than one: S{id} on rows 3, 4.");
        preview.QuerySelector("#import-form").ShouldBeNull();
        var forced = await SubmitImportAsync(manager, columns, new() { ["Mapping.FullName"] = "1", ["Mapping.Email"] = "2", ["Mapping.PmsId"] = "3" });
        forced.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebClient.ParseAsync(forced)).QuerySelector("#error-summary")!.TextContent.ShouldContain("on rows 3, 4");
        (await PatientsWithIds(id)).ShouldBe(0);
    }

    [Fact]
    public async Task A_row_without_an_id_that_matches_an_existing_patient_by_phone_is_listed_as_a_possible_duplicate_and_skipped()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);
        var mobile = $"0415 {Random.Shared.Next(100, 999)} {Random.Shared.Next(100, 999)}";
        var page = await frontDesk.GetPageAsync("/defects/log");
        var form = Defects.Form(page, "Walk In Patient");
        form["Input.PatientPhone"] = mobile;
        (await frontDesk.SubmitAsync(page, "#log-defect-form", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var before = await PatientCount();

        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var e164 = "+61" + mobile.Replace(" ", "", StringComparison.Ordinal)[1..];
        var preview = await PreviewAsync(manager, await UploadAsync(manager, Encoding.UTF8.GetBytes($"Name;Mobile\nWalk In Patient;{e164}\n")));

        preview.QuerySelector("[data-testid=duplicate-rows]")!.TextContent.ShouldContain("Row 2: No PMS patient id, and an existing patient has the same phone number");
        await ImportAsync(manager, preview);
        (await PatientCount()).ShouldBe(before);
    }

    [Fact]
    public async Task Another_practices_patients_are_never_matched_or_touched()
    {
        var id = Unique();
        using var otherManager = await fixture.SignInAsync(TestWorld.OtherManager);
        var otherPractice = fixture.World.Other.Id;
        await ImportAsync(otherManager, await PreviewAsync(otherManager, await UploadAsync(otherManager, Encoding.UTF8.GetBytes(
            $"Name,Email,PMS id\nOther Person,other.{id}@example.test,G{id}\n"), otherPractice)));

        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var columns = await UploadAsync(manager, Encoding.UTF8.GetBytes($"Name,Email,PMS id\nRenamed Here,other.{id}@example.test,G{id}\nNo Id,other.{id}@example.test,\n"));
        var preview = await PreviewAsync(manager, columns);
        preview.QuerySelector("[data-testid=preview-counts]")!.TextContent.ShouldContain("2 rows: 2 to add, 0 to update, 0 unchanged, 0 possible duplicates");
        // The other practice's manager cannot use an upload of Harbourside's, nor Harbourside's manager import into the other practice.
        var uploadId = System.Text.RegularExpressions.Regex.Match(ActionOf(columns, "#columns-form"), "upload=([0-9a-f-]+)").Groups[1].Value;
        var otherPage = await otherManager.GetPageAsync($"/patients/import?practice={otherPractice}");
        var forged = await otherManager.Http.PostAsync($"/patients/import?handler=Import&practice={otherPractice}&upload={uploadId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Mapping.FullName"] = "1",
            ["Mapping.Email"] = "2",
            ["__RequestVerificationToken"] = Token(otherPage, "#upload-form"),
        }));
        forged.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebClient.ParseAsync(forged)).QuerySelector("[data-testid=upload-gone]").ShouldNotBeNull();
        (await fixture.App.WithDbAsync(db => db.PatientImportUploads.CountAsync(u => u.Id == Guid.Parse(uploadId)))).ShouldBe(1);
        await ImportAsync(manager, preview);

        var patients = await fixture.App.WithDbAsync(db => db.Patients.Where(p => p.Email == $"other.{id}@example.test").ToListAsync());
        patients.Single(p => p.PracticeId == otherPractice).DisplayName.ShouldBe("Other Person");
        patients.Count(p => p.PracticeId == fixture.World.Harbourside.Id).ShouldBe(2);

        (await manager.Http.GetAsync($"/patients/import?practice={otherPractice}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Front_desk_cannot_import_patients()
    {
        using var frontDesk = await fixture.SignInAsync(TestWorld.FrontDesk);

        (await frontDesk.Http.GetAsync("/patients/import")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var content = new MultipartFormDataContent { { new ByteArrayContent("Name,Email\nA,a@example.test\n"u8.ToArray()), "File", "p.csv" } };
        (await frontDesk.Http.PostAsync("/patients/import?handler=Upload", content)).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.BadRequest);
        (await fixture.App.WithDbAsync(db => db.PatientImportUploads.CountAsync(u => u.UploadedById != null && u.UploadedAt > DateTimeOffset.MinValue)))
            .ShouldBe(await fixture.App.WithDbAsync(db => db.PatientImportUploads.CountAsync()));
    }

    public static TheoryData<string, byte[], string> BadFiles() => new()
    {
        { "empty", [], "The file is empty" },
        { "binary", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x1F, 0x8B, 0x00, 0x01], "This is not a CSV file (it holds binary data)" },
        { "header only", "Name,Mobile,Email\r\n"u8.ToArray(), "The file has a header row but no patients under it." },
        { "duplicate headers", "Name,Phone,Email,phone\nA,0412 345 678,a@example.test,0412 345 679\n"u8.ToArray(), "Two columns have the same heading: \"Phone\" (columns 2 and 4)" },
        { "mixed encodings", [.. "Name,Email\nZo\u00eb,z@example.test\n"u8.ToArray(), .. new byte[] { 0x52, 0xE9, 0x6D, 0x79, 0x2C, 0x72, 0x40, 0x65, 0x2E, 0x74, 0x0A }], "The file mixes two text encodings" },
        { "utf-16", [0xFF, 0xFE, 0x4E, 0x00, 0x61, 0x00], "The file is saved as UTF-16 text" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_file_that_is_not_a_patient_list_gets_a_clear_message_and_nothing_is_kept(string kind, byte[] content, string message)
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var uploads = await fixture.App.WithDbAsync(db => db.PatientImportUploads.CountAsync());

        var response = await PostUploadAsync(manager, content);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, kind);
        var page = await WebClient.ParseAsync(response);
        page.QuerySelector("[data-valmsg-for=File]")!.TextContent.ShouldContain(message);
        page.QuerySelector("#upload-form").ShouldNotBeNull();
        (await fixture.App.WithDbAsync(db => db.PatientImportUploads.CountAsync())).ShouldBe(uploads);
    }

    public static TheoryData<string, byte[]> GoodEncodings() => new()
    {
        { "semicolons, UTF-8 with BOM", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Name;Email;PMS id\r\n\"Zo\u00eb Bront\u00eb\";zoe@example.test;{id}\r\n")] },
        { "tabs, UTF-8", Encoding.UTF8.GetBytes("Name\tEmail\tPMS id\nZo\u00eb Bront\u00eb\tzoe@example.test\t{id}\n") },
        { "commas, Windows-1252", System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes("Name,Email,PMS id\r\nZo\u00eb Bront\u00eb,zoe@example.test,{id}\r\n") },
    };

    [Theory]
    [MemberData(nameof(GoodEncodings))]
    public async Task Files_from_older_and_newer_pms_exports_are_read_alike(string kind, byte[] template)
    {
        var id = "H" + Unique();
        var content = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(template).Replace("{id}", id, StringComparison.Ordinal));
        using var manager = await fixture.SignInAsync(TestWorld.Manager);

        var preview = await PreviewAsync(manager, await UploadAsync(manager, content));

        preview.QuerySelector("[data-testid=preview-rows]")!.TextContent.ShouldContain("Zo\u00eb Bront\u00eb", customMessage: kind);
        preview.QuerySelector("[data-testid=preview-rows]")!.TextContent.ShouldContain(id);
    }

    [Fact]
    public async Task A_quoted_cell_with_a_line_break_stays_one_row()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var preview = await PreviewAsync(manager, await UploadAsync(manager, Encoding.UTF8.GetBytes(
            "Name,Email,Notes\n\"Amara Okafor\",amara@example.test,\"line one\nline two\"\nBen Ode,ben@example.test,\n")));

        preview.QuerySelector("[data-testid=preview-counts]")!.TextContent.ShouldContain("2 rows:");
        preview.QuerySelectorAll("[data-testid=preview-rows] tbody tr").Select(r => r.Children[0].TextContent).ShouldBe(["2", "3"]);
    }

    [Fact]
    public async Task Rows_with_a_formula_an_over_long_cell_or_a_bad_number_are_refused_with_the_reason_and_the_rest_imported()
    {
        var id = Unique();
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var csv = "Name,Mobile,Email,PMS id\n"
            + $"=HYPERLINK(\"http://x\"),,f.{id}@example.test,I{id}\n"
            + $"{new string('x', 10_000)},,long.{id}@example.test,J{id}\n"
            + $"Bad Number,0412 34,,K{id}\n"
            + $"Good Row,,good.{id}@example.test,L{id}\n"
            + $"@Sum,,at.{id}@example.test,M{id}\n";

        var preview = await PreviewAsync(manager, await UploadAsync(manager, Encoding.UTF8.GetBytes(csv)));

        var refused = preview.QuerySelector("[data-testid=refused-rows]")!.TextContent;
        refused.ShouldContain("Row 2: Name starts with =, which a spreadsheet would run as a formula");
        refused.ShouldContain("Row 3: Name is longer than 120 characters.");
        refused.ShouldContain("Row 4: Mobile is not a phone number that can be dialled from Australia");
        refused.ShouldContain("Row 6: Name starts with @");
        refused.ShouldNotContain("xxxxxxxx");
        await ImportAsync(manager, preview);
        (await fixture.App.WithDbAsync(db => db.Patients.Where(p => p.ExternalId != null && p.ExternalId.EndsWith(id)).Select(p => p.DisplayName).ToListAsync())).ShouldBe(["Good Row"]);
    }

    [Theory]
    [InlineData("Mapping.Email", "99", "Choose a column of this file for Email, or none.")]
    [InlineData("Mapping.Email", "-1", "Choose a column of this file for Email, or none.")]
    [InlineData("Mapping.Email", "abc", "")]
    [InlineData("Mapping.FullName", "", "Choose the column with the full name, or the columns with the first and the last name.")]
    [InlineData("Mapping.PmsId", "1", "Column 1 is chosen for Full name and PMS patient id: choose one column for each field.")]
    public async Task A_forged_or_incomplete_column_choice_gets_a_message_and_imports_nothing(string field, string value, string message)
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var columns = await UploadAsync(manager, Encoding.UTF8.GetBytes($"Name,Email\nForged Choice,forged.{Unique()}@example.test\n"));
        var before = await PatientCount();

        foreach (var handler in new[] { "#columns-form", "import" })
        {
            var response = handler == "import"
                ? await SubmitImportAsync(manager, columns, new() { ["Mapping.FullName"] = "1", ["Mapping.Email"] = "2", [field] = value })
                : await manager.SubmitAsync(columns, handler, new() { [field] = value });

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var page = await WebClient.ParseAsync(response);
            page.QuerySelector("#error-summary")!.TextContent.ShouldContain(message);
            page.QuerySelector("[data-testid=preview]").ShouldBeNull();
        }

        (await PatientCount()).ShouldBe(before);
    }

    [Fact]
    public async Task A_file_over_20_MB_is_refused_without_being_read()
    {
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var page = await manager.GetPageAsync("/patients/import");
        var body = new CountingContent(100L * 1024 * 1024);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Token(page, "#upload-form")), "__RequestVerificationToken" },
            { body, "File", "patients.csv" },
        };

        var response = await manager.Http.PostAsync(ActionOf(page, "#upload-form"), content);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var shown = await manager.GetPageAsync(response.Headers.Location!.OriginalString);
        shown.QuerySelector("[data-valmsg-for=File]")!.TextContent.ShouldContain("The file is larger than 20 MB, so it was not read.");
        body.Sent.ShouldBeLessThan(10L * 1024 * 1024);
    }

    private async Task<int> PatientsWithIds(string id) =>
        await fixture.App.WithDbAsync(db => db.Patients.CountAsync(p => p.ExternalId != null && p.ExternalId.EndsWith(id)));

    private async Task<int> PatientCount() => await fixture.App.WithDbAsync(db => db.Patients.CountAsync());

    private static string Token(IHtmlDocument page, string form) =>
        page.QuerySelector($"{form} input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private static string ActionOf(IHtmlDocument page, string form) => page.QuerySelector(form)!.GetAttribute("action")!;

    private static async Task<HttpResponseMessage> PostUploadAsync(WebClient client, byte[] file, Guid? practice = null)
    {
        var page = await client.GetPageAsync(practice is null ? "/patients/import" : $"/patients/import?practice={practice}");
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Token(page, "#upload-form")), "__RequestVerificationToken" },
            { part, "File", "patients.csv" },
        };
        return await client.Http.PostAsync(ActionOf(page, "#upload-form"), content);
    }

    /// <summary>Uploads the file and returns the page for choosing its columns.</summary>
    private static async Task<IHtmlDocument> UploadAsync(WebClient client, byte[] file, Guid? practice = null)
    {
        var response = await PostUploadAsync(client, file, practice);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.ShouldNotContain("@");
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
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return await client.GetPageAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>Posts the import with the given columns, as a forged or repeated post would, from the columns page.</summary>
    private static async Task<HttpResponseMessage> SubmitImportAsync(WebClient client, IHtmlDocument columns, Dictionary<string, string> mapping, Guid? practice = null)
    {
        var action = ActionOf(columns, "#columns-form").Replace("handler=Preview", "handler=Import", StringComparison.Ordinal);
        if (practice is { } p)
        {
            action = System.Text.RegularExpressions.Regex.Replace(action, "practice=[^&]+", $"practice={p}");
        }

        var fields = new Dictionary<string, string>(mapping) { ["__RequestVerificationToken"] = Token(columns, "#columns-form") };
        return await client.Http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    private static async Task<IReadOnlyList<string>> FindAsync(WebClient client, string? phone = null, string? pmsId = null)
    {
        var page = await client.GetPageAsync("/defects/log");
        var form = Defects.Form(page, "");
        form["Input.PatientPhone"] = phone ?? "";
        form["Input.PatientEmail"] = "";
        form["Input.PatientPmsId"] = pmsId ?? "";
        var response = await client.Http.PostAsync("/defects/log?handler=FindPatient", new FormUrlEncodedContent(
            WebClient.FieldsOf((IHtmlFormElement)page.QuerySelector("#log-defect-form")!).Concat(form.Where(f => f.Value is not null).Select(f => KeyValuePair.Create(f.Key, f.Value!)))
                .GroupBy(f => f.Key).Select(g => g.Last())));
        var result = await WebClient.ParseAsync(response);
        return result.QuerySelectorAll("[data-testid=patient-matches] label[for^=patient-]:not([for=patient-new])")
            .Select(l => l.TextContent.Split(" · ")[0]).ToList();
    }

    /// <summary>A body of the given length produced on demand, counting what the server actually took.</summary>
    private sealed class CountingContent(long length) : HttpContent
    {
        public long Sent { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'a');
            try
            {
                while (Sent < length)
                {
                    var size = (int)Math.Min(chunk.Length, length - Sent);
                    await stream.WriteAsync(chunk.AsMemory(0, size));
                    Sent += size;
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The server answered without reading the rest.
            }
        }

        protected override bool TryComputeLength(out long length1)
        {
            length1 = length;
            return true;
        }
    }
}
