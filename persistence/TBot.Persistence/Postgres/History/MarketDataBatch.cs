namespace TBot.Persistence.Postgres.History;

/// <summary>
/// The market_data rows of a run of journal records, plus what the writer needs around the COPY: the journal
/// range (what to delete first, what to checkpoint), the time span and instruments (to bound that delete), the
/// days (partitions) and the minutes with trades (candles to recompute). Reusable: <see cref="Clear"/> keeps the
/// row list's capacity.
/// </summary>
public sealed class MarketDataBatch
{
    private readonly List<MarketDataRow> _rows = [];

    public IReadOnlyList<MarketDataRow> Rows => _rows;

    public long FirstPosition { get; private set; }
    public long LastPosition { get; private set; }
    /// <summary>Journal records seen (market data or not): the checkpoint covers all of them.</summary>
    public long Records { get; private set; }
    public DateTime MinTime { get; private set; } = DateTime.MaxValue;
    public DateTime MaxTime { get; private set; } = DateTime.MinValue;
    public SortedSet<int> Instruments { get; } = [];
    public SortedSet<DateOnly> Days { get; } = [];
    /// <summary>The batch's own trades per (instrument, minute): what a fresh batch adds to those candles.</summary>
    public SortedDictionary<(int InstrumentId, DateTime Minute), CandleDelta> TradeMinutes { get; } = [];

    public bool IsEmpty => Records == 0;

    public void Saw(long position)
    {
        if (Records == 0) FirstPosition = position;
        LastPosition = position;
        Records++;
    }

    public void Add(in MarketDataRow row)
    {
        _rows.Add(row);
        if (row.Time < MinTime) MinTime = row.Time;
        if (row.Time > MaxTime) MaxTime = row.Time;
        Instruments.Add(row.InstrumentId);
        Days.Add(DateOnly.FromDateTime(row.Time));
        if (row.Kind == CandleRollup.TradeKind && row.Price is { } price && row.Quantity is { } quantity)
        {
            var key = (row.InstrumentId, CandleRollup.MinuteOf(row.Time));
            if (TradeMinutes.TryGetValue(key, out var delta)) delta.Add(price, quantity);
            else TradeMinutes[key] = new CandleDelta(price, quantity);
        }
    }

    public void Clear()
    {
        _rows.Clear();
        FirstPosition = LastPosition = Records = 0;
        MinTime = DateTime.MaxValue;
        MaxTime = DateTime.MinValue;
        Instruments.Clear();
        Days.Clear();
        TradeMinutes.Clear();
    }
}
