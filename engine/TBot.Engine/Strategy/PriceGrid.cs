namespace TBot.Engine.Strategy;

/// <summary>Rounding of price and quantity mantissas to an instrument's tick and step (0 in the instrument means no
/// rule, treated as 1). Prices and quantities here are non-negative; rounding is toward the passive side.</summary>
public static class PriceGrid
{
    public static long Unit(long tickOrStep) => tickOrStep > 0 ? tickOrStep : 1;

    /// <summary>Largest multiple of <paramref name="unit"/> at or below <paramref name="value"/>.</summary>
    public static long Floor(long value, long unit)
    {
        var r = value % unit;
        return r < 0 ? value - r - unit : value - r;
    }

    /// <summary>Smallest multiple of <paramref name="unit"/> at or above <paramref name="value"/>.</summary>
    public static long Ceiling(long value, long unit)
    {
        var f = Floor(value, unit);
        return f == value ? f : f + unit;
    }
}
