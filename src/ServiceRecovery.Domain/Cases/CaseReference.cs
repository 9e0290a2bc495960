using System.Globalization;

namespace ServiceRecovery.Domain;

/// <summary>The readable reference of a case, SR-YYYY-NNNN, unique within a practice.</summary>
public readonly record struct CaseReference(int Year, int Number)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"SR-{Year:D4}-{Number:D4}");

    public static bool TryParse(string? text, out CaseReference reference)
    {
        reference = default;
        var parts = text?.Trim().Split('-');
        if (parts is not ["SR" or "sr", var year, var number]
            || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || y is < 2000 or > 9999 || n < 1)
        {
            return false;
        }

        reference = new CaseReference(y, n);
        return true;
    }
}
