using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Market;
using TBot.Engine.Orders;
using TBot.Engine.Strategy;

namespace TBot.Engine.Tests.Strategy;

/// <summary>
/// Drives one strategy the way the trading core does for each event: clear the intents, apply the event to the
/// market state, set engine time, call the strategy. Instruments: BTCUSDT@binance (price 2 / qty 5 decimals, tick
/// 0.01, step 0.00001), ETHUSDT@binance (tick 0.05), BTC-USD@coinbase (2 / 8) and BTC-USDT@okx (price 1 / qty 8).
/// </summary>
internal sealed class StrategyHarness
{
    public const long Ms = 1_000_000;
    public const long Second = 1_000 * Ms;
    /// <summary>A start time on a whole second, so bar boundaries are easy to reason about.</summary>
    public const long Start = 1_700_000_000L * Second;
    public const int BotId = 7;

    public StrategyHarness()
    {
        Btc = Registry.Add(Venue.Binance, "BTCUSDT", 2, 5, tickSize: 1, stepSize: 1);
        Eth = Registry.Add(Venue.Binance, "ETHUSDT", 2, 4, tickSize: 5, stepSize: 10);
        CoinbaseBtc = Registry.Add(Venue.Coinbase, "BTC-USD", 2, 8, tickSize: 1, stepSize: 1);
        OkxBtc = Registry.Add(Venue.Okx, "BTC-USDT", 1, 8, tickSize: 1, stepSize: 1);
        Market = new MarketState(Registry, bookCapacity: 16);
        Context = new StrategyContext(BotId, Market, Registry, Orders, Intents);
    }

    public InstrumentRegistry Registry { get; } = new();

    public Instrument Btc { get; }

    public Instrument Eth { get; }

    public Instrument CoinbaseBtc { get; }

    public Instrument OkxBtc { get; }

    public MarketState Market { get; }

    public FakeOrderView Orders { get; } = new();

    public IntentBuffer Intents { get; } = new(64);

    public StrategyContext Context { get; }

    /// <summary>Apply the intents to <see cref="Orders"/> after each event (an ideal order manager).</summary>
    public bool AutoApply { get; set; }

    public void Send(IStrategy strategy, in MarketEvent e)
    {
        Intents.Clear();
        Market.Apply(e);
        Context.NowNs = e.ReceiveTimeNs;
        strategy.OnEvent(e, Context);
        if (AutoApply) Orders.Apply(Intents);
    }

    public static MarketEvent Quote(int instrumentId, long bid, long ask, long timeNs, long bidSize = 1_000_000, long askSize = 1_000_000) => new()
    {
        Kind = MarketEventKind.Quote, InstrumentId = instrumentId, Bid = bid, Ask = ask, BidSize = bidSize, AskSize = askSize,
        ExchangeTimeNs = timeNs, ReceiveTimeNs = timeNs,
    };

    public static MarketEvent Trade(int instrumentId, long price, long quantity, long timeNs) => new()
    {
        Kind = MarketEventKind.Trade, InstrumentId = instrumentId, Price = price, Quantity = quantity, ExchangeTimeNs = timeNs, ReceiveTimeNs = timeNs,
    };

    public static MarketEvent Timer(long timeNs)
    {
        var e = default(MarketEvent);
        TimerEvents.Write(ref e, tick: timeNs / (100 * Ms), scheduledNs: timeNs, nowNs: timeNs);
        return e;
    }

    /// <summary>The intents of the last event (copied; allocates).</summary>
    public List<OrderIntent> Emitted()
    {
        var list = new List<OrderIntent>(Intents.Count);
        for (var i = 0; i < Intents.Count; i++) list.Add(Intents[i]);
        return list;
    }

    public List<OrderIntent> Submits() => Emitted().FindAll(i => i.Action == IntentAction.Submit);

    public List<OrderIntent> Cancels() => Emitted().FindAll(i => i.Action == IntentAction.Cancel);
}
