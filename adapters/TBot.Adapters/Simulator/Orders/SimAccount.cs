using TBot.Adapters.Simulator.Market;
using TBot.Engine.Events;
using TBot.Engine.Numerics;

namespace TBot.Adapters.Simulator.Orders;

/// <summary>
/// The Binance account behind the order endpoint: a total per asset, at 8 decimals (Binance's asset precision),
/// starting from <see cref="SimulatorOptions.InitialBalances"/> and moved by every fill (a buy adds base and pays
/// quote, a sell the reverse; commission is zero). What is locked by resting orders is worked out when asked.
/// Balances may go negative: the simulator does not refuse orders for insufficient funds. Thread-safe.
/// </summary>
public sealed class SimAccount
{
    /// <summary>Decimals of every amount in the account.</summary>
    public const int Scale = 8;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _totals = new(StringComparer.Ordinal);

    public SimAccount(IReadOnlyDictionary<string, long>? initialBalances = null)
    {
        if (initialBalances is null) return;
        foreach (var (asset, amount) in initialBalances) _totals[asset] = amount;
    }

    /// <summary>Total (free + locked) of <paramref name="asset"/>, at <see cref="Scale"/> decimals.</summary>
    public long Total(string asset)
    {
        lock (_gate) return _totals.GetValueOrDefault(asset);
    }

    /// <summary>Every asset with its total, by name.</summary>
    public SortedDictionary<string, long> Totals()
    {
        lock (_gate) return new SortedDictionary<string, long>(_totals, StringComparer.Ordinal);
    }

    /// <summary>Book one fill of <paramref name="side"/> on <paramref name="market"/> (price/quantity mantissas at its scales).</summary>
    internal void ApplyFill(InstrumentMarket market, Side side, long price, long quantity)
    {
        var spec = market.Spec;
        var baseAmount = ToScale(quantity, spec.QuantityScale);
        var quoteAmount = Quote(price, quantity, spec);
        var sign = side == Side.Buy ? 1 : -1;
        lock (_gate)
        {
            Add(spec.Base, sign * baseAmount);
            Add(spec.Quote, -sign * quoteAmount);
        }
    }

    /// <summary>What an open order holds back: the quote of the remaining quantity at the limit for a buy, the remaining base for a sell.</summary>
    internal static (string Asset, long Amount) Locked(SimOrder order)
    {
        var spec = order.Market.Spec;
        if (order.Side == Side.Sell) return (spec.Base, ToScale(order.RemainingQuantity, spec.QuantityScale));
        return (spec.Quote, Quote(order.Price, order.RemainingQuantity, spec));
    }

    /// <summary>price × quantity at <see cref="Scale"/> decimals (exact when the two scales add up to at most 8).</summary>
    private static long Quote(long price, long quantity, SimulatedInstrument spec)
    {
        var productScale = spec.PriceScale + spec.QuantityScale;
        var product = (Int128)price * quantity;
        return (long)(productScale <= Scale ? product * FixedPoint.Pow10(Scale - productScale) : product / FixedPoint.Pow10(productScale - Scale));
    }

    private void Add(string asset, long delta) => _totals[asset] = _totals.GetValueOrDefault(asset) + delta;

    /// <summary>A mantissa at <paramref name="scale"/> expressed at <see cref="Scale"/> (truncated if finer).</summary>
    internal static long ToScale(long mantissa, int scale) =>
        scale <= Scale ? mantissa * FixedPoint.Pow10(Scale - scale) : mantissa / FixedPoint.Pow10(scale - Scale);
}
