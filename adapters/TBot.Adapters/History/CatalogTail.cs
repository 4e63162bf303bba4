using TBot.Engine.Events;
using TBot.Engine.Journal;

namespace TBot.Adapters.History;

/// <summary>
/// What a day already holds, read from its journal: record count, first/last record time, the last trade id and
/// candle open time, and the last prices (so a resumed fetch cleans exactly as an uninterrupted one would).
/// </summary>
public sealed class CatalogTail
{
    public const int PriceWindow = HistoryCleaner.MedianWindow;

    public long Records { get; private set; }
    public long FirstTimeNs { get; private set; }
    public long LastTimeNs { get; private set; }
    public long LastTradeId { get; private set; }
    /// <summary>Open time (ms) of the last candle, 0 when none.</summary>
    public long LastCandleOpenMs { get; private set; }
    /// <summary>The last <see cref="PriceWindow"/> prices, oldest first.</summary>
    public List<long> RecentPrices { get; } = [];

    public bool IsEmpty => Records == 0;

    public static CatalogTail Empty { get; } = new();

    /// <summary>Scan the day's journal (none yet → empty).</summary>
    public static CatalogTail Read(string dayDirectory)
    {
        var tail = new CatalogTail();
        if (!File.Exists(JournalManifest.PathIn(dayDirectory))) return tail;
        using var reader = JournalReader.Open(dayDirectory, bufferBytes: 1 << 20);
        while (reader.TryRead(out var record))
        {
            if (record.Type != JournalRecordType.Event) continue;
            tail.Observe(record.Event, record.TimeNs);
        }
        return tail;
    }

    internal void Observe(in MarketEvent e, long timeNs)
    {
        if (Records == 0) FirstTimeNs = timeNs;
        Records++;
        LastTimeNs = timeNs;
        if (e.Kind == MarketEventKind.Trade) LastTradeId = e.TradeId;
        if (e.Kind == MarketEventKind.Candle) LastCandleOpenMs = e.FirstUpdateId;
        if (e.Kind is MarketEventKind.Trade or MarketEventKind.Candle)
        {
            RecentPrices.Add(e.Price);
            if (RecentPrices.Count > PriceWindow) RecentPrices.RemoveAt(0);
        }
    }
}
