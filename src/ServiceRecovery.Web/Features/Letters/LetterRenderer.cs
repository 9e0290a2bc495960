using System.Text;
using System.Text.Encodings.Web;
using Fluid;

namespace ServiceRecovery.Web.Features.Letters;

public enum LetterFormat
{
    /// <summary>Plain text: the words as they are, for the email's text part and the compose page's editor.</summary>
    Text = 1,

    /// <summary>HTML: everything encoded, the template's own text as well as every value, then paragraphs and line breaks.</summary>
    Html = 2,
}

/// <summary>
/// Fills a template's text with a case's merge values. A template is plain text with merge fields, not HTML: in HTML the
/// rendered words are encoded whole (so markup typed into the template or a value shows as text and never runs), then
/// blank lines become paragraphs and single line breaks become &lt;br&gt;.
/// </summary>
public static class LetterRenderer
{
    /// <summary>The text filled in; a template that is not allowed is refused first (<see cref="LetterTemplating.Check"/>).</summary>
    public static string Render(string templateText, LetterFields fields, LetterFormat format, string field = "Body")
    {
        var template = LetterTemplating.Check(field, templateText);
        var context = new TemplateContext(LetterTemplating.Options);
        foreach (var group in LetterFields.All.GroupBy(f => f.Group))
        {
            context.SetValue(group.Key, new FieldGroup(group.ToDictionary(f => f.Member, f => f.Value(fields), StringComparer.Ordinal)));
        }

        string text;
        try
        {
            text = template.Render(context, NullEncoder.Default);
        }
        catch (InvalidOperationException e)
        {
            // The step or recursion limit: a template that would run on is refused like any other that is not allowed.
            throw DomainRuleException.For(field, $"This {field.ToLowerInvariant()} cannot be filled in: {e.Message}");
        }

        return format == LetterFormat.Html ? ToHtml(text) : text.ReplaceLineEndings("\n").Trim();
    }

    /// <summary>Encoded words in paragraphs: a blank line starts a paragraph, a single line break is kept as one.</summary>
    public static string ToHtml(string text)
    {
        var html = new StringBuilder();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Trim().Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            html.Append("<p>")
                .AppendJoin("<br>", paragraph.Split('\n').Select(line => HtmlEncoder.Default.Encode(line.Trim())))
                .Append("</p>\n");
        }

        return html.ToString();
    }
}
