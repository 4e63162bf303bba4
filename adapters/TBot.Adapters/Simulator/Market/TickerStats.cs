namespace TBot.Adapters.Simulator.Market;

/// <summary>
/// Rolling-window-like statistics for ticker messages. The window starts with plausible synthetic values (the
/// simulator has no 24 h of history) and accumulates the simulated trades. Prices at the price scale, volumes
/// at the quantity scale (base) and price scale (quote).
/// </summary>
public sealed class TickerStats
{
    public long Open { get; internal set; }
    public long High { get; internal set; }
    public long Low { get; internal set; }
    public long Last { get; internal set; }
    public long LastQuantity { get; internal set; }
    public long BaseVolume { get; internal set; }
    public long QuoteVolume { get; internal set; }
    public long TradeCount { get; internal set; }
    public long FirstTradeId { get; internal set; }
    public long High52Weeks { get; internal set; }
    public long Low52Weeks { get; internal set; }
    public long BaseVolume30Days { get; internal set; }

    internal void OnTrade(long price, long quantity, int quantityScale)
    {
        Last = price;
        LastQuantity = quantity;
        if (price > High) High = price;
        if (price < Low) Low = price;
        if (price > High52Weeks) High52Weeks = price;
        if (price < Low52Weeks) Low52Weeks = price;
        BaseVolume += quantity;
        BaseVolume30Days += quantity;
        QuoteVolume += (long)((Int128)price * quantity / Engine.Numerics.FixedPoint.Pow10(quantityScale));
        TradeCount++;
    }

    /// <summary>Volume-weighted average price at the price scale (0 without volume).</summary>
    public long WeightedAverage(int quantityScale) =>
        BaseVolume == 0 ? 0 : (long)((Int128)QuoteVolume * Engine.Numerics.FixedPoint.Pow10(quantityScale) / BaseVolume);
}
