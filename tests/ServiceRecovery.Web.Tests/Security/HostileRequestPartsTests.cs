using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Security;

/// <summary>
/// The parts of a request the other hostile tests do not vary: the handler name, the query string of a post,
/// repeated form fields and repeated, missing or malformed route values. Signed in as an administrator with a
/// valid antiforgery token, through the real forms of the main pages, and judged as <see cref="HostileDriver"/>
/// judges: never a 5xx, nothing echoed unencoded, a refused request changes no stored data.
/// </summary>
public sealed class HostileRequestPartsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_hostile_handler_name_on_any_real_form_is_refused_without_an_error_or_a_change()
    {
        var (admin, forms) = await FormsAsync();
        using var _ = admin;
        var inputs = Sample().Select((value, i) => (forms[i % forms.Count].Name, value));
        await Driver(admin, forms).DriveAsync(inputs, async (name, value) =>
        {
            var form = forms.Single(f => f.Name == name);
            var page = _loaded!;
            return await PostAsync(admin, page, form, query => query.Set("handler", [Short(value)]), fields => fields);
        });
    }

    [Fact]
    public async Task Hostile_and_repeated_query_string_values_on_a_post_never_fail_or_change_data_when_refused()
    {
        var (admin, forms) = await FormsAsync();
        using var _ = admin;
        var other = fixture.World.Other.Id.ToString();
        var harbourside = fixture.World.Harbourside.Id.ToString();
        // Each adds the hostile value to the form's own address; the last three repeat a key the page reads.
        (string Key, Action<Query, string> Add)[] parts =
        [
            ("Version", (q, v) => q.Add("Version", v)),
            ("Apology.ApologisedBy", (q, v) => q.Add("Apology.ApologisedBy", v)),
            ("practice", (q, v) => q.Set("practice", [v])),
            ("id", (q, v) => q.Add("id", v)),
            ("practice twice", (q, v) => q.Set("practice", [harbourside, v])),
            ("practice of both practices", (q, v) => q.Set("practice", [other, harbourside, v])),
            ("handler twice", (q, v) => q.Set("handler", [.. q.Get("handler"), v])),
        ];
        var inputs = Sample().Select((value, i) => ($"{forms[i % forms.Count].Name}|{parts[i / forms.Count % parts.Length].Key}", value));
        await Driver(admin, forms).DriveAsync(inputs, async (target, value) =>
        {
            var (form, part) = (forms.Single(f => f.Name == target.Split('|')[0]), parts.Single(p => p.Key == target.Split('|')[1]));
            var page = _loaded!;
            return await PostAsync(admin, page, form, query => part.Add(query, Short(value)), fields => fields);
        });
    }

    [Fact]
    public async Task A_form_field_sent_twice_with_a_hostile_value_never_fails_or_changes_data_when_refused()
    {
        var (admin, forms) = await FormsAsync();
        using var _ = admin;
        var targets = new List<string>();
        foreach (var form in forms)
        {
            var fields = WebClient.FieldsOf((IHtmlFormElement)(await form.LoadAsync()).QuerySelector(form.Selector)!);
            targets.AddRange(fields.Keys.SelectMany(field => new[] { $"{form.Name}|first|{field}", $"{form.Name}|second|{field}" }));
        }

        var inputs = Sample().Select((value, i) => (targets[i * 7 % targets.Count], value));
        await Driver(admin, forms).DriveAsync(inputs, async (target, value) =>
        {
            var parts = target.Split('|');
            var form = forms.Single(f => f.Name == parts[0]);
            var page = _loaded!;
            return await PostAsync(admin, page, form, query => { }, fields => [.. fields.SelectMany(pair => pair.Key != parts[2]
                ? [pair]
                : parts[1] == "first" ? new[] { KeyValuePair.Create(pair.Key, value), pair } : [pair, KeyValuePair.Create(pair.Key, value)])]);
        });
    }

    [Fact]
    public async Task A_post_to_a_repeated_missing_or_malformed_route_value_is_refused_and_changes_nothing()
    {
        var (admin, forms) = await FormsAsync();
        using var _ = admin;
        using var manager = await fixture.SignInAsync(TestWorld.Manager);
        var decoy = await CasePage.OpenAsync(manager, "Route Decoy");
        var decoyEvents = await fixture.App.WithDbAsync(db => db.Timeline.CountAsync(e => e.CaseId == decoy.CaseId));
        var frontDesk = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == TestWorld.FrontDesk).Select(u => u.Id).SingleAsync());
        string[] routes =
        [
            "/cases/{id}/{id}", "/cases/", "/cases", "/cases/not-a-guid", "/cases/{id}x", "/cases/" + Guid.Empty, "/cases/" + Guid.NewGuid(), "/cases/{id}/apology",
            "/cases/{id}?id=" + decoy.CaseId, "/cases/" + decoy.CaseId + "?id={id}",
        ];
        string[] staffRoutes = ["/staff/{id}/{id}", "/staff/", "/staff", "/staff/not-a-user", "/staff/" + Guid.NewGuid(), "/staff/{id}?id=" + frontDesk];
        string[] improvementRoutes = ["/improvements/{id}/{id}", "/improvements/", "/improvements", "/improvements/not-a-guid", "/improvements/" + Guid.Empty];
        string[] practiceRoutes = ["{path}?handler={handler}", "{path}?handler={handler}&practice=", "{path}?handler={handler}&practice=not-a-guid", "{path}/{practice}?handler={handler}"];
        var inputs = forms.SelectMany(form => (form.Route switch
        {
            "case" when form.Selector is "#apology-form" => routes,
            "case" when form.Selector is "#gesture-form" or "#owner-form" => routes.Where(r => !r.Contains(decoy.CaseId.ToString(), StringComparison.Ordinal)),
            "case" => [],
            "staff" => staffRoutes,
            "improvement" => improvementRoutes,
            _ => practiceRoutes,
        }).Select(route => (form.Name, route)));
        var refused = 0;
        await Driver(admin, forms).DriveAsync(inputs, async (name, route) =>
        {
            var form = forms.Single(f => f.Name == name);
            var page = _loaded!;
            var action = page.QuerySelector(form.Selector)!.GetAttribute("action") is { Length: > 0 } a ? a : form.Address;
            var (path, query) = (action.Split('?')[0], QueryHelpers.ParseQuery(action.Contains('?', StringComparison.Ordinal) ? action[action.IndexOf('?', StringComparison.Ordinal)..] : ""));
            var id = path.Split('/')[^1];
            var target = route.Replace("{id}", id, StringComparison.Ordinal).Replace("{path}", path, StringComparison.Ordinal)
                .Replace("{handler}", query.TryGetValue("handler", out var handler) ? handler.ToString() : "", StringComparison.Ordinal)
                .Replace("{practice}", query.TryGetValue("practice", out var practice) ? practice.ToString() : "", StringComparison.Ordinal);
            if (form.Route == "case" && !target.Contains("handler=", StringComparison.Ordinal))
            {
                target += (target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + query["handler"];
            }

            var response = await HostileDriver.SubmitToAsync(admin, page, form.Selector, _ => target, []);
            refused += (int)response.StatusCode >= 400 ? 1 : 0;
            return response;
        });

        refused.ShouldBeGreaterThan(inputs.Count() / 2, "a route value the page does not have is not found");
        // A route value is never overruled by an id in the query string: the decoy case has no new event.
        (await fixture.App.WithDbAsync(db => db.Timeline.CountAsync(e => e.CaseId == decoy.CaseId))).ShouldBe(decoyEvents);
    }

    private static readonly string[] CaseForms = ["#apology-form", "#fix-form", "#contact-form", "#gesture-form", "#improvement-form", "#lesson-form", "#follow-up-form", "#skip-form", "#owner-form"];

    private static readonly string[] SettingsForms = ["#locale-form", "#due-form", "#limits-form", "#reminders-form", ".add-stage-form", ".item-form"];

    private IHtmlDocument? _loaded;

    /// <summary>The driver, loading before each request the page with the form, so that a case made for it is not taken for the request's change.</summary>
    private HostileDriver Driver(WebClient admin, List<Form> forms) => new(fixture.App, admin)
    {
        BeforeEach = async target => _loaded = await forms.Single(f => f.Name == target.Split('|')[0]).LoadAsync(),
    };

    /// <summary>Every fifth value of the corpus, a different fifth for each test, to keep the run short.</summary>
    private static IEnumerable<string> Sample([System.Runtime.CompilerServices.CallerMemberName] string test = "") =>
        HostileInput.Corpus.Where((_, i) => i % 5 == Math.Abs(test.Length) % 5);

    /// <summary>A real form of a main page: where it is, and how to load a page that has it.</summary>
    private sealed record Form(string Name, string Address, string Selector, string Route, Func<Task<IHtmlDocument>> LoadAsync);

    /// <summary>The real forms of the main pages, each on a page that has it: a case is made anew when a form has gone from the last one.</summary>
    private async Task<(WebClient Admin, List<Form> Forms)> FormsAsync()
    {
        var admin = await fixture.SignInAsync(TestWorld.Administrator);
        // Lives as long as the forms: it makes a new case when a form has gone from the last one.
        var manager = await fixture.SignInAsync(TestWorld.Manager);
        var practice = fixture.World.Harbourside.Id;
        var title = $"Parts improvement {Guid.NewGuid():N}";
        var lessonCase = await CasePage.OpenAsync(manager, "Parts Huddle");
        await lessonCase.SubmitAsync("#improvement-form", new() { ["Improvement.Title"] = title });
        await lessonCase.SubmitAsync("#lesson-form", new() { ["Lesson.Text"] = "Parts lesson" });
        var improvement = await fixture.App.WithDbAsync(db => db.Improvements.Where(i => i.Title == title).Select(i => i.Id).SingleAsync());
        var colleague = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == TestWorld.OtherFrontDesk).Select(u => u.Id).SingleAsync());
        var settings = $"/settings?practice={practice}";
        string? caseUrl = null;
        Func<Task<IHtmlDocument>> CasePageWith(string selector) => async () =>
        {
            var page = caseUrl is null ? null : await admin.GetPageAsync(caseUrl);
            if (page?.QuerySelector(selector) is null)
            {
                caseUrl = (await CasePage.OpenAsync(manager, "Parts Case")).Url;
                page = await admin.GetPageAsync(caseUrl);
            }

            return page;
        };
        Func<Task<IHtmlDocument>> At(string url) => () => admin.GetPageAsync(url);

        var forms = CaseForms
            .Select(selector => new Form(selector, "", selector, "case", CasePageWith(selector)))
            .Concat(SettingsForms
                .Select(selector => new Form("settings " + selector, settings, selector, "practice", At(settings))))
            .Append(new Form("staff edit", $"/staff/{colleague}", "#edit-staff-form", "staff", At($"/staff/{colleague}")))
            .Append(new Form("huddle share", $"/huddle?practice={practice}", "#share-form", "practice", At($"/huddle?practice={practice}")))
            .Append(new Form("improvement status", $"/improvements/{improvement}", "#improvement-status-form", "improvement", At($"/improvements/{improvement}")))
            .Append(new Form("log defect", "/defects/log", "#log-defect-form", "practice", At("/defects/log")))
            .Append(new Form("queue owner", "/queue", ".owner-form", "practice", At("/queue")))
            .ToList();
        return (admin, forms);
    }

    /// <summary>Posts a form of <paramref name="page"/> as it stands, with its address's query string and its fields changed.</summary>
    private static async Task<HttpResponseMessage> PostAsync(WebClient client, IHtmlDocument page, Form at, Action<Query> changeQuery,
        Func<List<KeyValuePair<string, string>>, List<KeyValuePair<string, string>>> changeFields)
    {
        var form = (IHtmlFormElement)(page.QuerySelector(at.Selector) ?? throw new InvalidOperationException($"No form matches '{at.Selector}'."));
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : at.Address;
        var query = new Query(action);
        changeQuery(query);
        var fields = changeFields([.. WebClient.FieldsOf(form)]);
        return await client.Http.PostAsync(query.ToString(), new FormUrlEncodedContent(fields));
    }

    /// <summary>An address with a query string whose keys can repeat, each value URL-encoded.</summary>
    private sealed class Query
    {
        private readonly string _path;
        private readonly List<KeyValuePair<string, string>> _pairs;

        public Query(string action)
        {
            var at = action.IndexOf('?', StringComparison.Ordinal);
            _path = at < 0 ? action : action[..at];
            _pairs = at < 0 ? [] : [.. QueryHelpers.ParseQuery(action[at..]).SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? "")))];
        }

        public string[] Get(string key) => [.. _pairs.Where(p => p.Key == key).Select(p => p.Value)];

        public void Add(string key, string value) => _pairs.Add(KeyValuePair.Create(key, value));

        public void Set(string key, string[] values)
        {
            _pairs.RemoveAll(p => p.Key == key);
            _pairs.AddRange(values.Select(v => KeyValuePair.Create(key, v)));
        }

        public override string ToString() =>
            _pairs.Count == 0 ? _path : _path + "?" + string.Join('&', _pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }

    private static string Short(string value) => value.Length > 2000 ? value[..2000] : value;
}
