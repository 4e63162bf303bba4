namespace TBot.Engine.Orders;

/// <summary>
/// Money (notional, fees, PnL) as a <c>long</c> at a fixed 8 decimals of the quote currency, so amounts from
/// instruments with different price scales add up. Quote currencies are not converted (USDT and USD count the
/// same); limits and PnL are per quote unit.
/// </summary>
public static class Money
{
    public const int Scale = 8;

    private static readonly long[] Pow10 = BuildPowers();

    /// <summary>price (at <paramref name="priceScale"/>) × quantity (at <paramref name="quantityScale"/>) in money units, truncated toward zero.</summary>
    public static long Notional(long price, int priceScale, long quantity, int quantityScale)
    {
        Int128 v = (Int128)price * quantity;
        var up = Scale - priceScale;
        if (up >= 0) v *= Pow10[up];
        else v /= Pow10[-up];
        return (long)(v / Pow10[quantityScale]);
    }

    /// <summary>A price mantissa as money units (one unit of the base asset at that price).</summary>
    public static long FromPrice(long price, int priceScale)
    {
        var up = Scale - priceScale;
        return up >= 0 ? price * Pow10[up] : price / Pow10[-up];
    }

    public static decimal ToDecimal(long money) => money / 100_000_000m;

    private static long[] BuildPowers()
    {
        var p = new long[19];
        p[0] = 1;
        for (var i = 1; i < p.Length; i++) p[i] = p[i - 1] * 10;
        return p;
    }
}
