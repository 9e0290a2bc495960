using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
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

/// <summary>
/// The framework's validation message (it replaces <see cref="ValidationMessageTagHelper"/>, removed in
/// Features/_ViewImports.cshtml) with the id its field's aria-describedby points at. A field the request holds no model
/// state for, which is every field of a page just opened and of the forms not posted, has no message to show: its
/// empty slot is written here exactly as the framework writes it, without the framework's generator, because a page
/// with many forms (the case page has about thirty such fields) paid for that generator and a second tag helper on
/// every one of them.
/// </summary>
[HtmlTargetElement("span", Attributes = ValidationForAttribute)]
public sealed class AccessibleValidationMessageTagHelper(IHtmlGenerator generator) : ValidationMessageTagHelper(generator)
{
    private const string ValidationForAttribute = "asp-validation-for";

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (ViewContext.ClientValidationEnabled && name.Length > 0 && !ViewContext.ViewData.ModelState.ContainsKey(name))
        {
            // As DefaultHtmlGenerator.GenerateValidationMessage writes a field without an error.
            AddValidClass(output);
            output.Attributes.SetAttribute("data-valmsg-for", name);
            output.Attributes.SetAttribute("data-valmsg-replace", "true");
        }
        else
        {
            await base.ProcessAsync(context, output);
        }

        output.Attributes.SetAttribute("id", AccessibleValidation.MessageId(name));
    }

    private static void AddValidClass(TagHelperOutput output)
    {
        var valid = HtmlHelper.ValidationMessageValidCssClassName;
        switch (output.Attributes["class"]?.Value)
        {
            case null:
                output.Attributes.SetAttribute("class", valid);
                break;
            case HtmlString written:
                // The class written in the view (already HTML); TagHelperOutput.AddClass would encode it again through a writer.
                output.Attributes.SetAttribute("class", new HtmlString($"{written.Value} {valid}"));
                break;
            default:
                output.AddClass(valid, HtmlEncoder.Default);
                break;
        }
    }
}

public static class AccessibleValidation
{
    public static string MessageId(string fieldName) => TagBuilder.CreateSanitizedId(fieldName, "_") + "-error";
}
