using TBot.Engine.Events;
using TBot.Engine.Journal;

namespace TBot.Persistence.Tests.Postgres;

/// <summary>
/// A journal for the history projections, written by the real JournalWriter with explicit record times, that
/// keeps its own account of what market_data must hold: the count of market-data events, the sum of their
/// positions and the sum of the price mantissas of the rows that carry a price.
/// </summary>
internal sealed class HistoryJournal : IDisposable
{
    public const string Id = "hist0001";
    public static readonly JournalInstrument Btc = new() { Id = 1, Venue = "binance", Symbol = "BTCUSDT", PriceScale = 2, QuantityScale = 5, TickSize = 1, StepSize = 1 };
    public static readonly JournalInstrument Eth = new() { Id = 2, Venue = "okx", Symbol = "ETH-USDT", PriceScale = 3, QuantityScale = 4, TickSize = 1, StepSize = 1 };

    private readonly JournalWriter _writer;
    private long _timeNs;
    private long _tradeId;

    public HistoryJournal(DateTime start)
    {
        Directory = Path.Combine(Path.GetTempPath(), "tbot-pg-history-" + Guid.NewGuid().ToString("N"));
        _writer = JournalWriter.Open(new JournalOptions { Directory = Directory, FsyncPolicy = FsyncPolicy.None },
            new JournalManifest { JournalId = Id, CreatedUtc = start, Instruments = [Btc, Eth] }, out _);
        At(start);
    }

    public string Directory { get; }
    public long LastPosition => _writer.LastPosition;
    public long MarketRows { get; private set; }
    public long PositionSum { get; private set; }
    public long PriceMantissaSum { get; private set; }

    /// <summary>The next record's time; each record then advances it by 1 ms.</summary>
    public void At(DateTime utc) => _timeNs = (utc - DateTime.UnixEpoch).Ticks * 100;

    public void Flush() => _writer.Flush();

    public long Quote(int instrument, long bid, long ask) =>
        Market(new MarketEvent { Kind = MarketEventKind.Quote, InstrumentId = instrument, Bid = bid, BidSize = 100, Ask = ask, AskSize = 200 });

    public long Trade(int instrument, long price, long quantity, Side side = Side.Buy) =>
        Market(new MarketEvent { Kind = MarketEventKind.Trade, InstrumentId = instrument, Side = side, Price = price, Quantity = quantity, TradeId = ++_tradeId });

    public long Level(int instrument, MarketEventKind kind, Side side, long price, long quantity, EventFlags flags = EventFlags.None) =>
        Market(new MarketEvent { Kind = kind, InstrumentId = instrument, Side = side, Price = price, Quantity = quantity, Flags = flags });

    public long Ticker(int instrument, long last, long volume) =>
        Market(new MarketEvent { Kind = MarketEventKind.Ticker, InstrumentId = instrument, Price = last, Quantity = 7, Volume = volume, ExchangeTimeNs = _timeNs - 5_000_000 });

    public long Candle(int instrument, long open, long high, long low, long close, long volume) =>
        Market(new MarketEvent { Kind = MarketEventKind.Candle, InstrumentId = instrument, Open = open, High = high, Low = low, Price = close, Volume = volume, Flags = EventFlags.FromRest });

    public long BookStatus(int instrument, bool stale) =>
        Market(new MarketEvent { Kind = MarketEventKind.BookStatus, InstrumentId = instrument, Flags = stale ? EventFlags.Stale : EventFlags.None });

    /// <summary>An event that is not market data (timer, control, order update, fill report): no market_data row.</summary>
    public long Other(MarketEventKind kind)
    {
        var e = new MarketEvent { Kind = kind, InstrumentId = kind is MarketEventKind.Fill or MarketEventKind.OrderUpdate ? 1 : 0, ReceiveTimeNs = Tick(), Price = 999_999 };
        _writer.AppendEvent(in e);
        return _writer.LastPosition;
    }

    public long Decision(DecisionKind kind, int bot, int instrument = 1, long fee = 0, long positionAfter = 0, long realizedPnl = 0)
    {
        var d = new DecisionRecord
        {
            Kind = kind, BotId = bot, InstrumentId = instrument, Side = Side.Buy, Price = 100, Quantity = 1, TimeNs = Tick(),
            Value1 = fee, Value2 = positionAfter, Value3 = realizedPnl, TradeId = kind == DecisionKind.Fill ? ++_tradeId : 0,
        };
        _writer.AppendDecision(in d);
        return _writer.LastPosition;
    }

    /// <summary>A bit of everything, for two instruments, spread over minutes on both sides of a UTC midnight.</summary>
    public static HistoryJournal Mixed()
    {
        var j = new HistoryJournal(new DateTime(2025, 11, 24, 23, 58, 30, DateTimeKind.Utc));
        for (var minute = 0; minute < 4; minute++)
        {
            j.At(new DateTime(2025, 11, 24, 23, 58, 30, DateTimeKind.Utc).AddMinutes(minute));
            j.Level(1, MarketEventKind.BookSnapshotLevel, Side.Buy, 5_000_000 + minute, 10_000, EventFlags.FirstInMessage);
            j.Level(1, MarketEventKind.BookSnapshotLevel, Side.Sell, 5_000_100 + minute, 20_000, EventFlags.LastInMessage);
            j.Quote(1, 5_000_000 + minute, 5_000_100 + minute);
            j.Quote(2, 3_000_000 + minute, 3_000_500 + minute);
            for (var t = 0; t < 5; t++)
            {
                j.Trade(1, 5_000_000 + (t * 37 + minute * 11) % 90, 1_000 + t);
                j.Trade(2, 3_000_000 + (t * 53 + minute * 7) % 400, 30 + t, t % 2 == 0 ? Side.Buy : Side.Sell);
                j.Level(1, MarketEventKind.BookDelta, Side.Buy, 4_999_900 - t, t == 4 ? 0 : 5_000 + t);
                j.Other(MarketEventKind.Timer);
            }
            j.Ticker(2, 3_000_123, 9_999_000);
            j.Candle(2, 3_000_000, 3_000_400, 2_999_800, 3_000_100 + minute, 1_234_000);
            j.Other(MarketEventKind.Control);
            j.Other(MarketEventKind.OrderUpdate);
            j.Other(MarketEventKind.Fill);
            j.Decision(DecisionKind.OrderSubmitted, 1);
            j.BookStatus(1, stale: minute == 2);
        }
        j.Flush();
        return j;
    }

    private long Market(MarketEvent e)
    {
        e.Venue = e.InstrumentId == 1 ? TBot.Engine.Instruments.Venue.Binance : TBot.Engine.Instruments.Venue.Okx;
        e.ReceiveTimeNs = Tick();
        _writer.AppendEvent(in e);
        MarketRows++;
        PositionSum += _writer.LastPosition;
        if (e.Kind is not (MarketEventKind.Quote or MarketEventKind.BookStatus)) PriceMantissaSum += e.Price;
        return _writer.LastPosition;
    }

    private long Tick()
    {
        var t = _timeNs;
        _timeNs += 1_000_000;
        return t;
    }

    public void Dispose()
    {
        _writer.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* temp files; a leftover is harmless */ }
    }
}
