using TBot.Engine.Events;
using TBot.Engine.Journal;

namespace TBot.Persistence.Tests.Postgres.Instruments;

/// <summary>A journal of trades only, with the manifest the test chooses (instrument ids in any order), one trade per
/// second from <c>start</c>, keeping per (venue, symbol) the row count and the sum of price mantissas it wrote.</summary>
internal sealed class MarketJournal : IDisposable
{
    private readonly JournalWriter _writer;
    private readonly Dictionary<int, JournalInstrument> _byId;
    private long _timeNs;
    private long _tradeId;

    public MarketJournal(string journalId, DateTime start, params JournalInstrument[] instruments)
    {
        Directory = Path.Combine(Path.GetTempPath(), "tbot-pg-instruments-" + Guid.NewGuid().ToString("N"));
        _writer = JournalWriter.Open(new JournalOptions { Directory = Directory, FsyncPolicy = FsyncPolicy.None },
            new JournalManifest { JournalId = journalId, CreatedUtc = start, Instruments = instruments }, out _);
        _byId = instruments.ToDictionary(i => i.Id);
        _timeNs = (start - DateTime.UnixEpoch).Ticks * 100;
    }

    public string Directory { get; }

    public Dictionary<(string Venue, string Symbol), (long Rows, long PriceSum)> Written { get; } = [];

    public static JournalInstrument Instrument(int id, string venue, string symbol, int priceScale) =>
        new() { Id = id, Venue = venue, Symbol = symbol, PriceScale = priceScale, QuantityScale = 4, TickSize = 1, StepSize = 1 };

    public void Trade(int instrumentId, long price)
    {
        _timeNs += 1_000_000_000;
        _writer.AppendEvent(new MarketEvent
        {
            Kind = MarketEventKind.Trade, InstrumentId = instrumentId, Side = Side.Buy, Price = price, Quantity = 10, TradeId = ++_tradeId,
            ReceiveTimeNs = _timeNs, ExchangeTimeNs = _timeNs,
        });
        var i = _byId[instrumentId];
        var (rows, sum) = Written.GetValueOrDefault((i.Venue, i.Symbol));
        Written[(i.Venue, i.Symbol)] = (rows + 1, sum + price);
    }

    public void Flush() => _writer.Flush();

    public void Dispose()
    {
        _writer.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
