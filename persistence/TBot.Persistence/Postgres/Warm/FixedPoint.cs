namespace TBot.Persistence.Postgres.Warm;

/// <summary>Journal mantissas to <c>numeric</c>. Built from the mantissa and the scale directly (not by division)
/// so the value keeps the instrument's scale: 1 BTC at 5 decimals is stored as 1.00000, and sums of such
/// values compare and print the same whichever batch computed them.</summary>
public static class FixedPoint
{
    public const int MaxScale = 18;

    public static decimal ToDecimal(long mantissa, int scale)
    {
        if ((uint)scale > MaxScale) throw new ArgumentOutOfRangeException(nameof(scale), scale, $"Scale must be 0..{MaxScale}.");
        // unchecked: the magnitude of long.MinValue does not fit a long but does fit a ulong.
        var magnitude = mantissa < 0 ? unchecked(0UL - (ulong)mantissa) : (ulong)mantissa;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, mantissa < 0, (byte)scale);
    }
}
