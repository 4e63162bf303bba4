namespace TBot.Host.Analytics;

/// <summary>Slippage of one bot's fills on one instrument against the mid at the submit decision: sums for the means
/// and totals, a fixed-size histogram for the median and p95, counts of orders and fills without a mid.</summary>
internal sealed class SlippageStats
{
    public long Fills, NoMidOrders, NoMidFills;
    /// <summary>Σ bps, Σ bps × notional (money), Σ notional (money), Σ slippage money.</summary>
    public double SumBps, SumBpsNotional;
    public long Notional, Money;
    /// <summary>Σ slippage in half price units (one instrument's rows only: units differ between instruments).</summary>
    public long SumHalf;
    public SignedHistogram Bps { get; } = new();

    public void Add(SlippageStats o)
    {
        Fills += o.Fills;
        NoMidOrders += o.NoMidOrders;
        NoMidFills += o.NoMidFills;
        SumBps += o.SumBps;
        SumBpsNotional += o.SumBpsNotional;
        Notional += o.Notional;
        Money += o.Money;
        SumHalf += o.SumHalf;
        Bps.Add(o.Bps);
    }
}
