using System.Linq.Expressions;

namespace ServiceRecovery.Web.Features.Reports;

/// <summary>
/// Which month of the report a UTC time falls in, at the practice, computed inside the query so that
/// GROUP BY can run in the database. Neither provider knows the practice's time zone (and SQLite stores
/// times as numbers with no date functions EF can use), so the month boundaries — the practice's local
/// midnight on each 1st, as UTC — are worked out here, and the index is the number of boundaries the time
/// has passed: one CASE per boundary, added up. The boundaries travel as query parameters, so one compiled
/// query serves every period of the same length in months.
/// </summary>
public static class MonthIndex
{
    public static Expression<Func<T, int>> Of<T>(Expression<Func<T, DateTimeOffset>> time, IReadOnlyList<DateTimeOffset> boundaries)
    {
        if (boundaries.Count == 0)
        {
            throw new ArgumentException("A period has at least one boundary: its end.", nameof(boundaries));
        }

        Expression? sum = null;
        foreach (var boundary in boundaries)
        {
            var value = Expression.Field(Expression.Constant(new Boundary(boundary)), nameof(Boundary.At));
            var passed = Expression.Condition(Expression.GreaterThanOrEqual(time.Body, value), Expression.Constant(1), Expression.Constant(0));
            sum = sum is null ? passed : Expression.Add(sum, passed);
        }

        return Expression.Lambda<Func<T, int>>(sum!, time.Parameters);
    }

    /// <summary>A captured value, as a closure would hold it: EF turns a field of a constant into a parameter.</summary>
    private sealed class Boundary(DateTimeOffset at)
    {
#pragma warning disable CA1051 // A field, not a property, is what a compiler-made closure has; EF reads it the same way.
        public readonly DateTimeOffset At = at;
#pragma warning restore CA1051
    }
}
