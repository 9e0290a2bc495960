namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// Percentiles by linear interpolation between the closest ranks (Excel's PERCENTILE.INC, R's type 7):
/// the p-th percentile of n sorted values sits at rank (n − 1)·p. The median of an even count is the mean
/// of the middle two, and a manager can check any figure with a spreadsheet.
/// </summary>
public static class Percentiles
{
    public static double? Of(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (sorted.Count - 1) * p;
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((rank - below) * (sorted[above] - sorted[below]));
    }

    /// <summary>The median and the 90th percentile of some values, in any order.</summary>
    public static (double? Median, double? P90) MedianAndP90(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return (Of(sorted, 0.5), Of(sorted, 0.9));
    }
}
