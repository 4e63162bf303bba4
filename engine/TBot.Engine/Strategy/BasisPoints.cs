namespace TBot.Engine.Strategy;

/// <summary>
/// Basis points as integer micro-bps (1 bps = 1,000,000), so a spread of 0.005 bps is exact and price offsets are
/// computed without floating point: offset = price × micro-bps / 10^10 (via <see cref="Int128"/>, so no overflow).
/// </summary>
public static class BasisPoints
{
    /// <summary>Micro-bps per basis point.</summary>
    public const long Micro = 1_000_000;

    /// <summary>Micro-bps in a whole (10,000 bps).</summary>
    public const long Whole = 10_000 * Micro;

    /// <summary>Configuration edge: decimal bps to micro-bps (rounded to the nearest micro-bps).</summary>
    public static long ToMicro(decimal bps) => (long)decimal.Round(bps * Micro, MidpointRounding.AwayFromZero);

    /// <summary><paramref name="value"/> × <paramref name="microBps"/> / 10^10, truncated toward zero.</summary>
    public static long Of(long value, long microBps) => (long)((Int128)value * microBps / Whole);
}
