namespace TBot.Persistence.Numerics;

/// <summary>
/// Journal mantissas as exact decimals at the storage edge (Redis JSON, PostgreSQL <c>numeric</c>). The value is built
/// from the mantissa and the scale (never by division), so it keeps the instrument's scale: 1 BTC at 5 decimals is
/// 1.00000 in a row and "1.00000" in JSON, and sums of such values compare and print the same whichever batch
/// computed them. The conversion itself is the engine's; this adds the storage rule that a scale outside what a
/// <c>long</c> mantissa can carry (a damaged manifest) fails loudly instead of storing a wrong number.
/// </summary>
internal static class FixedPoint
{
    /// <summary>Money (fees, PnL) is stored at the engine's money scale.</summary>
    public const int MoneyScale = TBot.Engine.Orders.Money.Scale;

    public const int MaxScale = TBot.Engine.Numerics.FixedPoint.MaxScale;

    public static decimal ToDecimal(long mantissa, int scale)
    {
        if ((uint)scale > MaxScale) throw new ArgumentOutOfRangeException(nameof(scale), scale, $"Scale must be 0..{MaxScale}.");
        return TBot.Engine.Numerics.FixedPoint.ToDecimal(mantissa, scale);
    }
}
