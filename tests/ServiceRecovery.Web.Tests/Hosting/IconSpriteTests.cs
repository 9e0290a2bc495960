using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Hosting;

/// <summary>
/// The pages draw their icons from one small sprite, <c>wwwroot/icons.svg</c>, of only the Bootstrap Icons they use
/// (built from <c>scripts/icons.txt</c> by <c>scripts/vendor-frontend.sh</c>), not from the 88 KB icon style sheet and
/// its 135 KB font: an icon a page names and the sprite lacks would draw nothing, and one the sprite holds that no page
/// names is weight for nothing. The sprite is a static asset like the style sheets: fingerprinted, compressed, cached.
/// </summary>
public sealed partial class IconSpriteTests : IAsyncLifetime
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly string[] SourcePatterns = ["*.cshtml", "*.cs", "*.js"];
    private static readonly string Web = Path.Combine(RepositoryFolder.Root, "src", "ServiceRecovery.Web");

    private readonly AppFactory app = new(extraSettings: new Dictionary<string, string> { ["ReloadStaticAssetsAtRuntime"] = "false" });

    public ValueTask InitializeAsync() => new(app.StartAsync());

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public void Every_icon_the_pages_name_is_a_symbol_of_the_sprite_and_the_sprite_holds_no_other()
    {
        var named = IconsNamedInTheSource();
        var symbols = SpriteSymbols().Select(s => (string)s.Attribute("id")!).ToList();

        named.Count.ShouldBeGreaterThan(15, "the pages draw some twenty icons");
        named.Except(symbols).ShouldBeEmpty("an icon missing from icons.svg draws nothing: add its name to scripts/icons.txt and run scripts/vendor-frontend.sh");
        symbols.Except(named).ShouldBeEmpty("icons.svg ships only the icons a page draws");
        symbols.ShouldBe(symbols.Distinct().ToList());
        File.ReadAllLines(Path.Combine(RepositoryFolder.Root, "scripts", "icons.txt"))
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .ShouldBe(symbols, "icons.svg is built from scripts/icons.txt");
    }

    [Fact]
    public void No_view_or_script_uses_the_icon_fonts_classes_any_more()
    {
        var leftovers = SourceFiles()
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => FontIcon().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(Web, x.f)}:{x.i + 1}")
            .ToList();
        leftovers.ShouldBeEmpty("a bi-… class needs the icon font, which is no longer served: use <icon name=\"…\" />");
    }

    [Fact]
    public void Each_symbol_is_a_bare_drawing_on_the_icons_16_by_16_box()
    {
        var sprite = XDocument.Load(Path.Combine(Web, "wwwroot", "icons.svg"));
        sprite.Root!.Name.ShouldBe(Svg + "svg");
        foreach (var symbol in SpriteSymbols())
        {
            symbol.Attribute("viewBox")!.Value.ShouldBe("0 0 16 16");
            symbol.Attributes().Select(a => a.Name.LocalName).Order().ToList().ShouldBe(["id", "viewBox"], "no width, height or class: the page's .bi sizes the icon");
            symbol.Elements().ShouldNotBeEmpty();
        }
    }

    [Fact]
    public async Task The_sprite_is_linked_by_its_fingerprinted_name_and_sent_compressed_and_cached_for_good()
    {
        using var client = new WebClient(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var page = await client.GetPageAsync("/Account/SignIn");
        var href = page.QuerySelector("svg.bi use")!.GetAttribute("href")!;
        href.ShouldMatch(@"^/icons\.[a-z0-9]{10}\.svg#heart-pulse$");
        var sprite = href.Split('#')[0];

        using var request = new HttpRequestMessage(HttpMethod.Get, sprite);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await client.Http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        response.Content.Headers.ContentEncoding.ShouldContain("gzip");
        response.Headers.CacheControl!.ToString().ShouldContain("immutable");
        response.Headers.CacheControl.MaxAge!.Value.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromDays(365));
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        $"{bytes[0]:x2}{bytes[1]:x2}".ShouldBe("1f8b", "a gzip stream");
        bytes.Length.ShouldBeLessThan(5_000, "some twenty icons, not the 135 KB font");
    }

    [Fact]
    public async Task No_page_links_the_icon_font_and_every_icon_drawn_is_a_hidden_symbol_of_the_fingerprinted_sprite()
    {
        var symbols = SpriteSymbols().Select(s => (string)s.Attribute("id")!).ToHashSet();
        using var manager = await WebClient.SignedInAsync(app, TestWorld.Manager);
        var caseUrl = await Defects.LogAsync(manager);
        string[] pages = ["/", "/queue", caseUrl, "/defects/log", "/approvals", "/huddle", "/improvements", "/reports", "/reports/complaints", "/settings", "/staff"];
        var drawn = new HashSet<string>();
        var sprites = new HashSet<string>();

        foreach (var url in pages)
        {
            using var response = await manager.Http.GetAsync(url, TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            html.ShouldNotContain("bootstrap-icons", customMessage: url);
            var page = await WebClient.ParseAsync(response);
            page.QuerySelectorAll("i.bi, [class*='bi-']").ShouldBeEmpty(url);
            foreach (var icon in page.QuerySelectorAll("svg.bi"))
            {
                icon.GetAttribute("aria-hidden").ShouldBe("true", url);
                icon.GetAttribute("focusable").ShouldBe("false", url);
                var parts = icon.QuerySelector("use")!.GetAttribute("href")!.Split('#');
                sprites.Add(parts[0]);
                symbols.ShouldContain(parts[1], url);
                drawn.Add(parts[1]);
            }
        }

        sprites.ShouldHaveSingleItem().ShouldMatch(@"^/icons\.[a-z0-9]{10}\.svg$");
        drawn.ShouldContain("heart-pulse", "the brand on every page");
        drawn.ShouldContain("telephone", "the case page's patient");
        drawn.ShouldContain("download", "the queue's CSV button");
        using var oldSheet = await manager.Http.GetAsync("/lib/bootstrap-icons/bootstrap-icons.min.css", TestContext.Current.CancellationToken);
        oldSheet.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static List<XElement> SpriteSymbols() =>
        XDocument.Load(Path.Combine(Web, "wwwroot", "icons.svg")).Root!.Elements(Svg + "symbol").ToList();

    // Names in <icon name="check-circle" />, and every quoted name in a computed one (name="@(done ? "check" : "circle")").
    private static List<string> IconsNamedInTheSource() =>
        SourceFiles()
            .SelectMany(f => IconTag().Matches(File.ReadAllText(f)))
            .SelectMany(m => m.Groups["name"].Value.StartsWith('@')
                ? QuotedName().Matches(m.Groups["name"].Value).Select(q => q.Groups[1].Value)
                : [m.Groups["name"].Value])
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<string> SourceFiles() =>
        SourcePatterns
            .SelectMany(p => Directory.EnumerateFiles(Web, p, SearchOption.AllDirectories))
            .Where(f => !IsUnder(f, "bin") && !IsUnder(f, "obj") && !IsUnder(f, Path.Combine("wwwroot", "lib")));

    private static bool IsUnder(string file, string folder) =>
        Path.GetRelativePath(Web, file).StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    [GeneratedRegex("""<icon\s+name="(?<name>@\(.*?\)|[^"]*)"\s""")]
    private static partial Regex IconTag();

    [GeneratedRegex("\"([a-z0-9-]+)\"")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"\bbi bi-|""bi-[a-z]")]
    private static partial Regex FontIcon();
}
