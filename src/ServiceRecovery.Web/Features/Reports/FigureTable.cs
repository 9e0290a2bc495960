using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// One figure of the report as the numbers under its chart: the same formatted cells fill the HTML table
/// and the CSV download, so the two can never disagree.
/// </summary>
public sealed record FigureTable(
    string Id,
    string Title,
    string Description,
    string Caption,
    IReadOnlyList<string> Columns,
    IReadOnlyList<FigureRow> Rows,
    ChartSpec? Chart,
    string EmptyText)
{
    public IReadOnlyList<FigureRow> Footer { get; init; } = [];
}

/// <summary>A row: its header (the first column) and the other cells, formatted; null when there is nothing to show.</summary>
public sealed record FigureRow(string Header, IReadOnlyList<string?> Cells);

/// <summary>What reports.js needs to draw a chart with Chart.js; it travels in a data-chart attribute (no inline script).</summary>
public sealed record ChartSpec(
    string Kind,
    string Description,
    IReadOnlyList<string> Labels,
    IReadOnlyList<ChartSeries> Series,
    string ValueTitle,
    string? PercentTitle = null,
    bool Horizontal = false,
    double? ValueMax = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>One series of a chart. <see cref="OnPercentAxis"/> puts it on a second 0–100 axis (the Pareto's cumulative line).</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<double?> Data, string Type = "bar", bool OnPercentAxis = false);

/// <summary>A figure as the page shows it: the table, and where its CSV comes from.</summary>
public sealed record FigureSection(FigureTable Table, string CsvUrl);
