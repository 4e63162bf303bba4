using TBot.Engine.Orders;

namespace TBot.Engine.Execution.Paper;

/// <summary>
/// Fees as exact integer arithmetic: a rate in basis points (up to 4 decimals) becomes a fraction in units of
/// 1e-8, and a fee is notional × rate / 1e8 rounded half away from zero, in <see cref="Money"/> units.
/// </summary>
public static class PaperFees
{
    private const long RateUnit = 100_000_000;

    /// <summary>Rate (1e-8 units) of <paramref name="bps"/> basis points; throws beyond 4 decimals or ±100 %.</summary>
    public static long RateFromBps(decimal bps)
    {
        if (bps is < -10_000m or > 10_000m) throw new ArgumentOutOfRangeException(nameof(bps), bps, "a fee rate is within ±10000 bps");
        var rate = bps * 10_000m;
        if (rate != decimal.Truncate(rate)) throw new ArgumentOutOfRangeException(nameof(bps), bps, "a fee rate takes at most 4 decimals of a basis point");
        return (long)rate;
    }

    /// <summary>Fee (money units) of <paramref name="notional"/> (money units) at <paramref name="rate"/> (1e-8 units).</summary>
    public static long Fee(long notional, long rate)
    {
        Int128 product = (Int128)notional * rate;
        var fee = product / RateUnit;
        var remainder = product % RateUnit; // carries the sign of the product
        if (remainder * 2 >= RateUnit) fee++;
        else if (remainder * 2 <= -RateUnit) fee--;
        return (long)fee;
    }
}
