namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// Times counted to the tenth (of an hour, of a day): how many cases had each value. The report's median and 90th
/// percentile come from here, by <see cref="Percentiles"/>' rule over the values as the histogram holds them, so a month
/// kept as a histogram and the same month read from the rows give the same figures.
/// </summary>
public sealed class Histogram
{
    private readonly SortedDictionary<int, int> tenths = [];

    public int Count { get; private set; }

    /// <summary>The tenth a value falls in: rounded half away from zero, never below zero.</summary>
    public static int TenthOf(double value) => (int)Math.Round(Math.Max(0, value) * 10, MidpointRounding.AwayFromZero);

    public void AddValue(double value) => Add(TenthOf(value), 1);

    public void Add(int tenth, int count)
    {
        if (count == 0)
        {
            return;
        }

        tenths[tenth] = tenths.GetValueOrDefault(tenth) + count;
        Count += count;
    }

    public void Add(Histogram other)
    {
        foreach (var (tenth, count) in other.tenths)
        {
            Add(tenth, count);
        }
    }

    /// <summary>Each value (in tenths) and how many cases had it, smallest first.</summary>
    public IEnumerable<KeyValuePair<int, int>> Buckets => tenths;

    /// <summary>The p-th percentile (PERCENTILE.INC), or null when there are no values.</summary>
    public double? Percentile(double p)
    {
        if (Count == 0)
        {
            return null;
        }

        var rank = (Count - 1) * p;
        var below = (long)Math.Floor(rank);
        var lower = ValueAt(below);
        var upper = ValueAt(Math.Min(below + 1, Count - 1));
        return lower + ((rank - below) * (upper - lower));
    }

    public (double? Median, double? P90) MedianAndP90() => (Percentile(0.5), Percentile(0.9));

    public static Histogram Of(IEnumerable<Histogram> parts)
    {
        var all = new Histogram();
        foreach (var part in parts)
        {
            all.Add(part);
        }

        return all;
    }

    /// <summary>The value at a zero-based rank of the sorted values.</summary>
    private double ValueAt(long rank)
    {
        long seen = 0;
        foreach (var (tenth, count) in tenths)
        {
            seen += count;
            if (rank < seen)
            {
                return tenth / 10.0;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(rank));
    }
}
