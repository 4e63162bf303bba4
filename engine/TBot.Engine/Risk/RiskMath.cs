using TBot.Engine.Numerics;
using TBot.Engine.Orders;

namespace TBot.Engine.Risk;

/// <summary>Overflow-safe arithmetic for limits: a runaway quantity must saturate high, never wrap into a small number.</summary>
internal static class RiskMath
{
    public static long Saturate(Int128 value) =>
        value > long.MaxValue ? long.MaxValue : value < long.MinValue ? long.MinValue : (long)value;

    public static Int128 Abs(Int128 value) => value < 0 ? -value : value;

    /// <summary>price × quantity (both ≥ 0) in <see cref="Money"/> units, truncated like <see cref="Money.Notional"/>,
    /// saturating at <see cref="long.MaxValue"/>.</summary>
    public static long Notional(long price, int priceScale, long quantity, int quantityScale)
    {
        Int128 v = (Int128)price * quantity; // < 2^126
        var up = Money.Scale - priceScale;
        if (up > 0)
        {
            var f = FixedPoint.Pow10(up);
            if (v > Int128.MaxValue / f) return long.MaxValue;
            v *= f;
        }
        else if (up < 0)
        {
            v /= FixedPoint.Pow10(-up);
        }
        return Saturate(v / FixedPoint.Pow10(quantityScale));
    }
}
