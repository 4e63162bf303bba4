using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Orders;
using TBot.Engine.Trading;
using TBot.Persistence.Projections;

namespace TBot.Host.Tests.Dashboard;

/// <summary>A journal in a temp directory written by the real writer, with crafted events and decisions, read back in
/// batches by the real tail (as a <see cref="ProjectionRunner"/> would feed a projection).</summary>
internal sealed class DashboardJournal : IDisposable
{
    public static readonly JournalInstrument Btc = new() { Id = 1, Venue = "binance", Symbol = "BTCUSDT", PriceScale = 2, QuantityScale = 5, TickSize = 1, StepSize = 1 };
    public static readonly JournalInstrument Eth = new() { Id = 2, Venue = "okx", Symbol = "ETH-USDT", PriceScale = 2, QuantityScale = 4, TickSize = 1, StepSize = 1 };

    private long _time = 1_700_000_000_000_000_000;
    private long _read;
    private readonly JournalTail _tail;

    public DashboardJournal()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tbot-dash-" + Guid.NewGuid().ToString("N"));
        Writer = JournalWriter.Open(new JournalOptions { Directory = Path, FsyncPolicy = FsyncPolicy.None },
            new JournalManifest { JournalId = "dash0001", CreatedUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), Instruments = [Btc, Eth] }, out _);
        _tail = new JournalTail(Path);
    }

    public string Path { get; }
    public JournalWriter Writer { get; }
    public JournalManifest Manifest => Writer.Manifest;

    public void Quote(int instrument, long bid, long ask, long bidSize = 100, long askSize = 200) =>
        Writer.AppendEvent(new MarketEvent { Kind = MarketEventKind.Quote, Venue = VenueOf(instrument), InstrumentId = instrument, ReceiveTimeNs = Tick(), Bid = bid, BidSize = bidSize, Ask = ask, AskSize = askSize });

    public void Trade(int instrument, long price, long qty) =>
        Writer.AppendEvent(new MarketEvent { Kind = MarketEventKind.Trade, Venue = VenueOf(instrument), Side = Side.Buy, InstrumentId = instrument, ReceiveTimeNs = Tick(), Price = price, Quantity = qty });

    public void Level(int instrument, MarketEventKind kind, Side side, long price, long qty, EventFlags flags = EventFlags.None) =>
        Writer.AppendEvent(new MarketEvent { Kind = kind, Venue = VenueOf(instrument), Side = side, Flags = flags, InstrumentId = instrument, ReceiveTimeNs = Tick(), Price = price, Quantity = qty });

    public void BookStatus(int instrument, bool stale) =>
        Writer.AppendEvent(new MarketEvent { Kind = MarketEventKind.BookStatus, Venue = VenueOf(instrument), Flags = stale ? EventFlags.Stale : EventFlags.None, InstrumentId = instrument, ReceiveTimeNs = Tick() });

    public void Submitted(int bot, int instrument, long clientOrderId, Side side, long price, long qty) =>
        Decide(new DecisionRecord { Kind = DecisionKind.OrderSubmitted, BotId = bot, InstrumentId = instrument, ClientOrderId = clientOrderId, Side = side, OrderType = OrderType.Limit, Price = price, Quantity = qty, FromStatus = OrderStatus.New, ToStatus = OrderStatus.New });

    public void Status(int bot, int instrument, long clientOrderId, OrderStatus from, OrderStatus to, long filled = 0) =>
        Decide(new DecisionRecord { Kind = DecisionKind.OrderStatusChanged, BotId = bot, InstrumentId = instrument, ClientOrderId = clientOrderId, FromStatus = from, ToStatus = to, Value1 = filled });

    /// <summary>A fill as the order manager writes it: the order's new status, fee in Value1, position and realised after.</summary>
    public void Fill(int bot, int instrument, long clientOrderId, Side side, long price, long qty, long fee, OrderStatus to, long tradeId) =>
        Decide(new DecisionRecord { Kind = DecisionKind.Fill, BotId = bot, InstrumentId = instrument, ClientOrderId = clientOrderId, Side = side, Price = price, Quantity = qty, Value1 = fee, ToStatus = to, TradeId = tradeId });

    public void KillSwitch(int bot, byte cause, long pnl) => Decide(new DecisionRecord { Kind = DecisionKind.KillSwitch, BotId = bot, Reason = cause, Value2 = pnl });

    public void Control(int bot, ControlCommand command) => Decide(new DecisionRecord { Kind = DecisionKind.Control, BotId = bot, Reason = (byte)command });

    /// <summary>Everything written since the last call, applied batch by batch.</summary>
    public async Task ApplyAsync(IProjection projection)
    {
        Writer.Flush();
        while (_tail.TryReadBatch(_read, out var batch))
        {
            await projection.ApplyAsync(batch, CancellationToken.None);
            _read = batch.LastPosition;
        }
        Assert.Equal(Writer.LastPosition, _read);
    }

    private void Decide(DecisionRecord d)
    {
        d.TimeNs = Tick();
        Writer.AppendDecision(d);
    }

    public void Dispose()
    {
        _tail.Dispose();
        Writer.Dispose();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }

    private static Venue VenueOf(int instrument) => instrument == 1 ? Venue.Binance : Venue.Okx;

    private long Tick() => _time += 1_000_000;
}
