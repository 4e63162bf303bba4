using System.Numerics;
using TBot.Engine.Numerics;
using TBot.Engine.Orders;

namespace TBot.Adapters.Execution.Binance;

/// <summary>
/// Fills worked out from order snapshots (a query says executedQty and cummulativeQuoteQty; the difference to the
/// previous snapshot is one fill at the average price of the difference).
/// </summary>
public static class FillMath
{
    /// <summary>
    /// quote / quantity as a price mantissa at <paramref name="priceScale"/>, rounded half up. <paramref name="quoteMoney"/>
    /// is in <see cref="Money"/> units (8 decimals), <paramref name="quantity"/> a mantissa at <paramref name="quantityScale"/>.
    /// 0 when either is not positive.
    /// </summary>
    public static long AveragePrice(long quoteMoney, long quantity, int priceScale, int quantityScale)
    {
        if (quoteMoney <= 0 || quantity <= 0) return 0;
        // price = quote·10^(ps+qs−8) / quantity
        var exponent = priceScale + quantityScale - Money.Scale;
        if (exponent is >= 0 and <= 19)
        {
            var num = (Int128)quoteMoney * FixedPoint.Pow10(exponent);
            return (long)((num + quantity / 2) / quantity);
        }
        if (exponent is < 0 and >= -18)
        {
            var den = (Int128)quantity * FixedPoint.Pow10(-exponent);
            return (long)((quoteMoney + den / 2) / den);
        }
        var n = exponent >= 0 ? new BigInteger(quoteMoney) * BigInteger.Pow(10, exponent) : new BigInteger(quoteMoney);
        var d = exponent >= 0 ? new BigInteger(quantity) : new BigInteger(quantity) * BigInteger.Pow(10, -exponent);
        return (long)((n + d / 2) / d);
    }

    /// <summary>A quote amount from a response in <see cref="Money"/> units (rounded if the venue sent more decimals).</summary>
    public static long ToMoney(BinanceDecimal quote) => quote.ToScaleRounded(Money.Scale);
}
