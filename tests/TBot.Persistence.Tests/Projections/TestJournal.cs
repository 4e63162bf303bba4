using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Trading;

namespace TBot.Persistence.Tests.Projections;

/// <summary>A journal in a temporary directory with two instruments, written by the real writer.</summary>
internal sealed class TestJournal : IDisposable
{
    public const string Id = "tst00001";
    public static readonly JournalInstrument Btc = new() { Id = 1, Venue = "binance", Symbol = "BTCUSDT", PriceScale = 2, QuantityScale = 5, TickSize = 1, StepSize = 1 };
    public static readonly JournalInstrument Eth = new() { Id = 2, Venue = "okx", Symbol = "ETH-USDT", PriceScale = 2, QuantityScale = 4, TickSize = 1, StepSize = 1 };

    private long _time = 1_700_000_000_000_000_000;

    public TestJournal(long segmentBytes = JournalOptions.DefaultSegmentBytes, string? path = null)
    {
        Path = path ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tbot-persist-" + Guid.NewGuid().ToString("N"));
        Writer = JournalWriter.Open(new JournalOptions
        {
            Directory = Path,
            SegmentBytes = segmentBytes,
            FsyncPolicy = FsyncPolicy.None,
        }, new JournalManifest { JournalId = Id, CreatedUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), Instruments = [Btc, Eth] }, out _);
    }

    public string Path { get; }

    public JournalWriter Writer { get; }

    public long Last => Writer.LastPosition;

    public long Quote(int instrument, long bid, long ask)
    {
        var e = new MarketEvent { Kind = MarketEventKind.Quote, Venue = VenueOf(instrument), InstrumentId = instrument, ReceiveTimeNs = Tick(), Bid = bid, BidSize = 100, Ask = ask, AskSize = 200 };
        Writer.AppendEvent(e);
        return Last;
    }

    public long Trade(int instrument, long price, long qty)
    {
        var e = new MarketEvent { Kind = MarketEventKind.Trade, Venue = VenueOf(instrument), Side = Side.Buy, InstrumentId = instrument, ReceiveTimeNs = Tick(), Price = price, Quantity = qty };
        Writer.AppendEvent(e);
        return Last;
    }

    public long Level(int instrument, MarketEventKind kind, Side side, long price, long qty, EventFlags flags = EventFlags.None)
    {
        var e = new MarketEvent { Kind = kind, Venue = VenueOf(instrument), Side = side, Flags = flags, InstrumentId = instrument, ReceiveTimeNs = Tick(), Price = price, Quantity = qty };
        Writer.AppendEvent(e);
        return Last;
    }

    /// <summary>A fill decision: position after and realised PnL are absolute, as the trading core writes them.</summary>
    public long Fill(int bot, int instrument, Side side, long price, long qty, long positionAfter, long realized, long tradeId)
    {
        var d = new DecisionRecord
        {
            Kind = DecisionKind.Fill, Side = side, Venue = VenueOf(instrument), BotId = bot, InstrumentId = instrument, TimeNs = Tick(),
            ClientOrderId = ((long)bot << 40) | tradeId, Price = price, Quantity = qty, Value1 = 1234, Value2 = positionAfter, Value3 = realized, TradeId = tradeId,
        };
        Writer.AppendDecision(d);
        return Last;
    }

    public long KillSwitch(int bot, long pnl)
    {
        Writer.AppendDecision(new DecisionRecord { Kind = DecisionKind.KillSwitch, BotId = bot, TimeNs = Tick(), Value2 = pnl });
        return Last;
    }

    public long Control(int bot, ControlCommand command)
    {
        Writer.AppendDecision(new DecisionRecord { Kind = DecisionKind.Control, BotId = bot, Reason = (byte)command, TimeNs = Tick() });
        return Last;
    }

    public void Flush() => Writer.Flush();

    public JournalManifest Manifest => Writer.Manifest;

    public void Dispose()
    {
        Writer.Dispose();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }

    private static Venue VenueOf(int instrument) => instrument == 1 ? Venue.Binance : Venue.Okx;

    private long Tick() => _time += 1_000_000;
}
