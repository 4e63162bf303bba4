using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Orders;

namespace TBot.Persistence.Tests.Postgres;

/// <summary>
/// A small journal written with the real JournalWriter: market events interleaved with the decisions the
/// trading core makes for two bots. Bot 1 buys 1 BTC on Binance in two fills, then sells 0.5 at market; bot 2
/// places a Coinbase limit sell that is cancelled; a risk reject and an ignored report change no row.
/// </summary>
internal sealed class CraftedJournal : IDisposable
{
    public const string JournalId = "pgtest01";
    public static readonly long BuyOrder = ClientOrderIds.Make(1, 1);
    public static readonly long SellOrder = ClientOrderIds.Make(1, 2);
    public static readonly long CancelledOrder = ClientOrderIds.Make(2, 1);

    private long _time = 1_764_000_000_000_000_000; // 2025-11-24, Unix ns
    private long _sequence;

    public CraftedJournal()
    {
        Directory = Path.Combine(Path.GetTempPath(), "tbot-pg-journal-" + Guid.NewGuid().ToString("N"));
        var registry = new InstrumentRegistry();
        registry.Add(Venue.Binance, "BTCUSDT", 2, 5);
        registry.Add(Venue.Coinbase, "BTC-USD", 2, 8);
        // A fixed journal id, so client order texts are known to the assertions.
        var created = JournalManifest.Create(registry.All);
        var manifest = new JournalManifest { JournalId = JournalId, CreatedUtc = created.CreatedUtc, Instruments = created.Instruments };
        using var writer = JournalWriter.Open(new JournalOptions { Directory = Directory, FsyncPolicy = FsyncPolicy.None }, manifest, out _);

        Event(writer);                                                                                   // 1
        Order(writer, DecisionKind.OrderSubmitted, BuyOrder, 1, Side.Buy, OrderType.Limit, 5_000_000, 100_000, OrderStatus.New, OrderStatus.New);          // 2
        Order(writer, DecisionKind.OrderStatusChanged, BuyOrder, 1, Side.Buy, OrderType.Limit, 5_000_000, 100_000, OrderStatus.New, OrderStatus.Submitted); // 3
        Event(writer);                                                                                   // 4
        Order(writer, DecisionKind.OrderStatusChanged, BuyOrder, 1, Side.Buy, OrderType.Limit, 5_000_000, 100_000, OrderStatus.Submitted, OrderStatus.Accepted, venueOrderId: 777); // 5
        Fill(writer, BuyOrder, 1, Side.Buy, OrderType.Limit, price: 4_999_900, quantity: 40_000, fee: 100_000, positionAfter: 40_000, pnl: 0, tradeId: 9001, OrderStatus.PartiallyFilled); // 6
        Event(writer);                                                                                   // 7
        Fill(writer, BuyOrder, 1, Side.Buy, OrderType.Limit, price: 5_000_000, quantity: 60_000, fee: 150_000, positionAfter: 100_000, pnl: 0, tradeId: 9002, OrderStatus.Filled); // 8
        Order(writer, DecisionKind.OrderSubmitted, SellOrder, 1, Side.Sell, OrderType.Market, 0, 50_000, OrderStatus.New, OrderStatus.New);            // 9
        Order(writer, DecisionKind.OrderStatusChanged, SellOrder, 1, Side.Sell, OrderType.Market, 0, 50_000, OrderStatus.New, OrderStatus.Submitted);  // 10
        Fill(writer, SellOrder, 1, Side.Sell, OrderType.Market, price: 5_010_000, quantity: 50_000, fee: 25_000_000, positionAfter: 50_000, pnl: 502_500_000, tradeId: 9003, OrderStatus.Filled); // 11
        writer.AppendDecision(new DecisionRecord { Kind = DecisionKind.RiskRejected, BotId = 1, InstrumentId = 1, Side = Side.Buy, OrderType = OrderType.Limit, Price = 1, Quantity = 1, TimeNs = Tick(), Sequence = _sequence }); // 12
        Event(writer, instrument: 2);                                                                    // 13
        Order(writer, DecisionKind.OrderSubmitted, CancelledOrder, 2, Side.Sell, OrderType.Limit, 5_100_000, 25_000_000, OrderStatus.New, OrderStatus.New);            // 14
        Order(writer, DecisionKind.OrderStatusChanged, CancelledOrder, 2, Side.Sell, OrderType.Limit, 5_100_000, 25_000_000, OrderStatus.New, OrderStatus.Submitted);  // 15
        Order(writer, DecisionKind.CancelRequested, CancelledOrder, 2, Side.Sell, OrderType.Limit, 5_100_000, 25_000_000, OrderStatus.Submitted, OrderStatus.Submitted); // 16
        Order(writer, DecisionKind.OrderStatusChanged, CancelledOrder, 2, Side.Sell, OrderType.Limit, 5_100_000, 25_000_000, OrderStatus.Submitted, OrderStatus.Cancelled); // 17
        writer.AppendDecision(new DecisionRecord { Kind = DecisionKind.ReportIgnored, BotId = 2, ClientOrderId = CancelledOrder, TimeNs = Tick(), Sequence = _sequence }); // 18
        Event(writer);                                                                                   // 19
        LastPosition = writer.LastPosition;
    }

    public string Directory { get; }

    public long LastPosition { get; }

    private long Tick() => _time += 1_000_000; // 1 ms per record

    private void Event(JournalWriter writer, int instrument = 1)
    {
        _sequence++;
        var e = new MarketEvent
        {
            Kind = MarketEventKind.Trade, Venue = instrument == 1 ? Venue.Binance : Venue.Coinbase, InstrumentId = instrument,
            Side = Side.Buy, ReceiveTimeNs = Tick(), Price = 5_000_000, Quantity = 1_000, TradeId = _sequence,
        };
        writer.AppendEvent(in e);
    }

    private void Order(JournalWriter writer, DecisionKind kind, long clientOrderId, int instrument, Side side, OrderType type,
        long price, long quantity, OrderStatus from, OrderStatus to, long venueOrderId = 0)
    {
        var d = new DecisionRecord
        {
            Kind = kind, BotId = ClientOrderIds.Bot(clientOrderId), InstrumentId = instrument,
            Venue = instrument == 1 ? Venue.Binance : Venue.Coinbase, Side = side, OrderType = type, FromStatus = from, ToStatus = to,
            ClientOrderId = clientOrderId, VenueOrderId = venueOrderId, Price = price, Quantity = quantity, TimeNs = Tick(), Sequence = _sequence,
        };
        writer.AppendDecision(in d);
    }

    private void Fill(JournalWriter writer, long clientOrderId, int instrument, Side side, OrderType type, long price, long quantity,
        long fee, long positionAfter, long pnl, long tradeId, OrderStatus to)
    {
        var d = new DecisionRecord
        {
            Kind = DecisionKind.Fill, BotId = ClientOrderIds.Bot(clientOrderId), InstrumentId = instrument, Venue = Venue.Binance,
            Side = side, OrderType = type, ToStatus = to, ClientOrderId = clientOrderId, VenueOrderId = 777, Price = price,
            Quantity = quantity, Value1 = fee, Value2 = positionAfter, Value3 = pnl, TradeId = tradeId, TimeNs = Tick(), Sequence = _sequence,
        };
        writer.AppendDecision(in d);
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* temp files; a leftover is harmless */ }
    }
}
