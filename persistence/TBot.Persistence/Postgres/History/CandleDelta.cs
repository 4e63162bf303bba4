namespace TBot.Persistence.Postgres.History;

/// <summary>High, low, volume and count of one batch's trades in one candle minute. Open and close are not kept:
/// they depend on trades outside the batch and are read back from market_data by time.</summary>
public sealed class CandleDelta(decimal price, decimal quantity)
{
    public decimal High { get; private set; } = price;
    public decimal Low { get; private set; } = price;
    public decimal Volume { get; private set; } = quantity;
    public long Trades { get; private set; } = 1;

    public void Add(decimal price, decimal quantity)
    {
        // Comparison, not Math.Max: the kept value is one of the trade prices, so it keeps their scale.
        if (price > High) High = price;
        if (price < Low) Low = price;
        Volume += quantity;
        Trades++;
    }
}
