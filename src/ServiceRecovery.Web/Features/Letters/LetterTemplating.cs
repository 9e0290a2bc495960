using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;

namespace ServiceRecovery.Web.Features.Letters;

/// <summary>
/// The template language of letters: Liquid, parsed by Fluid, sandboxed. A template may print the merge fields of
/// <see cref="LetterFields"/>, use <c>if</c>/<c>unless</c>/<c>else</c> and comments, and a few text filters; nothing else.
/// Everything is checked before a template is saved or rendered, and the options read only the fields offered, with
/// limits on steps and recursion so no template can run long (see ADR 0015).
/// </summary>
public static partial class LetterTemplating
{
    /// <summary>Filters that only change text; every other Liquid filter (including those that reach dates, files or JSON) is refused.</summary>
    public static readonly IReadOnlySet<string> AllowedFilters = new HashSet<string>(StringComparer.Ordinal)
    {
        "upcase", "downcase", "capitalize", "default", "strip", "append", "prepend",
    };

    private static readonly FluidParser Parser = new();

    /// <summary>The one set of options: only the field groups are readable, each by the names of the list.</summary>
    internal static readonly TemplateOptions Options = CreateOptions();

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions
        {
            MemberAccessStrategy = new DefaultMemberAccessStrategy(),
            MaxSteps = 10_000,
            MaxRecursion = 10,
            StrictFilters = true,
        };
        options.MemberAccessStrategy.Register<FieldGroup, string>((group, name) => group.Read(name) ?? "");
        return options;
    }

    /// <summary>The parsed template, or the refusal naming the field of the form (<paramref name="field"/>) and what is wrong.</summary>
    public static IFluidTemplate Check(string field, string? text)
    {
        if (!Parser.TryParse(text ?? "", out var template, out var error))
        {
            throw DomainRuleException.For(field, $"The {FieldWord(field)} cannot be read: {Position(error)}");
        }

        new Walker(field).VisitTemplate(template);
        return template;
    }

    private static string FieldWord(string field) => field.ToLowerInvariant();

    /// <summary>Fluid says where as "(line:column)"; the form says it in words.</summary>
    private static string Position(string error) =>
        PositionPattern().Replace(error, m => $"at line {m.Groups[1].Value}, column {m.Groups[2].Value}");

    [GeneratedRegex(@"at \((\d+):(\d+)\)")]
    private static partial Regex PositionPattern();

    /// <summary>The closest known field name to a misspelt one, when there is a close one.</summary>
    internal static string? Closest(string name) =>
        LetterFields.Names.Select(n => (Name: n, Distance: Distance(n, name))).Where(c => c.Distance <= 3).OrderBy(c => c.Distance).Select(c => c.Name).FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }

    /// <summary>Refuses every statement, variable and filter a letter does not use.</summary>
    private sealed class Walker(string field) : AstVisitor
    {
        public override Statement Visit(Statement statement) => statement switch
        {
            null => null!,
            TextSpanStatement or OutputStatement or IfStatement or ElseIfStatement or ElseStatement or UnlessStatement or CommentStatement or RawStatement => base.Visit(statement),
            _ => throw DomainRuleException.For(field, $"A letter cannot use {{% {TagName(statement)} %}}: write the words and merge fields, with {{% if %}} where a part is optional."),
        };

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            var names = memberExpression.Segments.TakeWhile(s => s is IdentifierSegment).Cast<IdentifierSegment>().Select(s => s.Identifier).ToList();
            var name = string.Join('.', names);
            if (names.Count != memberExpression.Segments.Count || !LetterFields.Names.Contains(name))
            {
                var shown = names.Count > 0 ? name : "this";
                var hint = Closest(shown) is { } close ? $"; did you mean {close}?" : $". The merge fields are listed beside the {FieldWord(field)}.";
                throw DomainRuleException.For(field, $"{shown} is not a merge field{hint}");
            }

            return base.VisitMemberExpression(memberExpression);
        }

        protected override Expression VisitFilterExpression(FilterExpression filterExpression)
        {
            if (!AllowedFilters.Contains(filterExpression.Name))
            {
                throw DomainRuleException.For(field, $"The filter {filterExpression.Name} cannot be used in a letter; these can: {string.Join(", ", AllowedFilters)}.");
            }

            return base.VisitFilterExpression(filterExpression);
        }

        private static string TagName(Statement statement) =>
            statement.GetType().Name.Replace("Statement", "", StringComparison.Ordinal).ToLowerInvariant();
    }
}

/// <summary>One group of merge fields (patient, practice, case, visit) as the template sees it: only the listed names answer.</summary>
internal sealed class FieldGroup(IReadOnlyDictionary<string, string> values)
{
    public string? Read(string name) => values.TryGetValue(name, out var value) ? value : null;
}
