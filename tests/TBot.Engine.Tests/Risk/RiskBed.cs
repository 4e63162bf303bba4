using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Market;
using TBot.Engine.Orders;
using TBot.Engine.Risk;

namespace TBot.Engine.Tests.Risk;

/// <summary>
/// A small market for risk tests. BTCUSDT@binance: prices at 2 decimals, tick 0.10 (10); quantities at 5 decimals,
/// step 0.001 (100); quoted 49 999.00 / 50 001.00, mid 50 000.00. ETHUSDT@binance: 2 / 4 decimals, no tick or step
/// rules, quoted 2 999.00 / 3 001.00, mid 3 000.00. SOLUSDT@okx: 3 / 2 decimals, quoted 99.990 / 100.010.
/// XRPUSDT@binance: never quoted. All quotes at engine time <see cref="T0"/>.
/// </summary>
internal sealed class RiskBed
{
    public const long Ms = 1_000_000;
    public const long Second = 1_000 * Ms;
    /// <summary>2023-11-14 22:13:20 UTC.</summary>
    public const long T0 = 1_700_000_000L * Second;
    public const long Usdt = 100_000_000; // one quote unit in Money
    public const long Btc = 100_000;      // one BTC at quantity scale 5
    public const long Eth = 10_000;       // one ETH at quantity scale 4

    public readonly InstrumentRegistry Registry = new();
    public readonly int BtcId;
    public readonly int EthId;
    public readonly int SolId;
    public readonly int XrpId;
    public readonly MarketState Market;
    public readonly FakeOrderView Orders = new();
    public readonly RiskManager Risk;

    public RiskBed(RiskLimits? limits = null)
    {
        BtcId = Registry.Add(Venue.Binance, "BTCUSDT", 2, 5, tickSize: 10, stepSize: 100).Id;
        EthId = Registry.Add(Venue.Binance, "ETHUSDT", 2, 4).Id;
        SolId = Registry.Add(Venue.Okx, "SOL-USDT", 3, 2).Id;
        XrpId = Registry.Add(Venue.Binance, "XRPUSDT", 4, 1).Id;
        Market = new MarketState(Registry);
        Quote(BtcId, 4_999_900, 5_000_100, T0);
        Quote(EthId, 299_900, 300_100, T0);
        Quote(SolId, 99_990, 100_010, T0);
        Risk = new RiskManager(Registry, limits ?? RiskLimits.Unlimited, botCapacity: 8);
    }

    public void Quote(int instrument, long bid, long ask, long atNs)
    {
        var e = new MarketEvent
        {
            Kind = MarketEventKind.Quote, InstrumentId = instrument, Bid = bid, BidSize = 1, Ask = ask, AskSize = 1, ReceiveTimeNs = atNs,
        };
        Market.Apply(in e);
    }

    /// <summary>The feed said the book desynchronised (ingress emits this on a sequence gap or checksum failure).</summary>
    public void MarkStale(int instrument, long atNs)
    {
        var e = new MarketEvent { Kind = MarketEventKind.BookStatus, InstrumentId = instrument, Flags = EventFlags.Stale, ReceiveTimeNs = atNs };
        Market.Apply(in e);
    }

    /// <summary>A fresh two-level snapshot: the book is live again.</summary>
    public void Resync(int instrument, long bid, long ask, long atNs)
    {
        var b = new MarketEvent
        {
            Kind = MarketEventKind.BookSnapshotLevel, InstrumentId = instrument, Side = Side.Buy, Price = bid, Quantity = 1,
            Flags = EventFlags.FirstInMessage, ReceiveTimeNs = atNs,
        };
        var a = new MarketEvent
        {
            Kind = MarketEventKind.BookSnapshotLevel, InstrumentId = instrument, Side = Side.Sell, Price = ask, Quantity = 1,
            Flags = EventFlags.LastInMessage, ReceiveTimeNs = atNs,
        };
        Market.Apply(in b);
        Market.Apply(in a);
    }

    public static OrderIntent Limit(int bot, int instrument, Side side, long price, long quantity) => new()
    {
        Action = IntentAction.Submit, BotId = bot, InstrumentId = instrument, Side = side, Type = OrderType.Limit,
        Price = price, Quantity = quantity, TargetClientOrderId = ClientOrderIds.Make(bot, 1),
    };

    public static OrderIntent MarketOrder(int bot, int instrument, Side side, long quantity) => new()
    {
        Action = IntentAction.Submit, BotId = bot, InstrumentId = instrument, Side = side, Type = OrderType.Market,
        Quantity = quantity, TargetClientOrderId = ClientOrderIds.Make(bot, 1),
    };

    public static OrderIntent Cancel(int bot, long clientOrderId) => new()
    {
        Action = IntentAction.Cancel, BotId = bot, TargetClientOrderId = clientOrderId,
    };

    public static OrderIntent CancelAll(int bot) => new() { Action = IntentAction.CancelAll, BotId = bot };

    public RiskRejectReason Check(OrderIntent intent, long nowNs = T0) => Risk.Check(in intent, nowNs, Market, Orders);

    /// <summary>A limit buy of 0.01 BTC at mid: passes every limit the tests set unless they aim at it.</summary>
    public OrderIntent SmallBtcBuy(int bot = 1) => Limit(bot, BtcId, Side.Buy, 5_000_000, Btc / 100);
}
