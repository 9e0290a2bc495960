using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// <c>&lt;icon name="check-circle" /&gt;</c> draws a Bootstrap icon from the sprite <c>wwwroot/icons.svg</c>, which holds
/// only the icons the pages use (listed in <c>scripts/icons.txt</c>), in place of the whole icon font and its style sheet.
/// The icon is decoration: hidden from assistive technology and never a tab stop, so the text or <c>aria-label</c> next to
/// it says what it means. Other attributes (a colour or margin class) pass through to the <c>&lt;svg&gt;</c>.
/// </summary>
[HtmlTargetElement("icon", Attributes = "name", TagStructure = TagStructure.WithoutEndTag)]
public sealed class IconTagHelper(IFileVersionProvider fileVersions) : TagHelper
{
    public const string Sprite = "icons.svg";

    /// <summary>The icon's Bootstrap name (its file name without <c>.svg</c>), a symbol of the sprite.</summary>
    public string Name { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "svg";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.AddClass("bi", HtmlEncoder.Default);
        output.Attributes.SetAttribute("aria-hidden", "true");
        output.Attributes.SetAttribute("focusable", "false");
        var href = HtmlEncoder.Default.Encode($"{SpriteUrl()}#{Name}");
        output.Content.SetHtmlContent($"<use href=\"{href}\"></use>");
    }

    // The sprite's fingerprinted name (icons.<hash>.svg, cached for a year), from the static assets manifest the page's
    // endpoint carries (WithStaticAssets), as the <link> and <script> tag helpers resolve theirs; `~/` is not rewritten
    // inside <use>. Without the manifest, the plain name with a version query.
    private string SpriteUrl()
    {
        var request = ViewContext.HttpContext.Request;
        var assets = ViewContext.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ResourceAssetCollection>();
        var fingerprinted = assets?[Sprite];
        return fingerprinted is not null && fingerprinted != Sprite
            ? $"{request.PathBase}/{fingerprinted}"
            : fileVersions.AddFileVersionToPath(request.PathBase, $"/{Sprite}");
    }
}
