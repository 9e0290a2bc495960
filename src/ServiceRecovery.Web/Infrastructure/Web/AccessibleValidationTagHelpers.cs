using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// Ties a field to its validation message for assistive technology (WCAG 3.3.1, 4.1.2): a field with an error
/// gets aria-invalid="true" and aria-describedby pointing at its message, which gets a matching id.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class AccessibleFieldTagHelper : TagHelper
{
    // Run after the framework's own tag helpers have written id and name.
    public override int Order => 1000;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0)
        {
            output.Attributes.SetAttribute("aria-invalid", "true");
            var messageId = AccessibleValidation.MessageId(name);
            var describedBy = output.Attributes["aria-describedby"]?.Value?.ToString();
            output.Attributes.SetAttribute("aria-describedby", string.IsNullOrEmpty(describedBy) ? messageId : $"{describedBy} {messageId}");
        }
    }
}

/// <summary>Gives each validation message the id its field's aria-describedby points at.</summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class AccessibleValidationMessageTagHelper : TagHelper
{
    public override int Order => 1000;

    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output) =>
        output.Attributes.SetAttribute("id", AccessibleValidation.MessageId(ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name)));
}

public static class AccessibleValidation
{
    public static string MessageId(string fieldName) => TagBuilder.CreateSanitizedId(fieldName, "_") + "-error";
}
