using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Market;
using TBot.Engine.Orders;

namespace TBot.Engine.Strategy;

/// <summary>
/// A bot's window on the engine while it handles one event: the market, its positions and orders, and the
/// intent buffer. One per bot, created at start-up and reused for every event.
/// </summary>
public sealed class StrategyContext(int botId, MarketState market, InstrumentRegistry instruments, IOrderView orders, IntentBuffer intents)
{
    public int BotId { get; } = botId;

    public MarketState Market { get; } = market;

    public InstrumentRegistry Instruments { get; } = instruments;

    public IOrderView Orders { get; } = orders;

    /// <summary>Engine time: the receive time (Unix ns) of the event being handled. Use it, never the wall clock,
    /// so replays and backtests decide exactly as the live run did.</summary>
    public long NowNs { get; set; }

    /// <summary>False while the bot is halted by risk (kill switch) or paused by an operator.</summary>
    public bool CanTrade { get; set; } = true;

    public long Position(int instrumentId) => Orders.Position(BotId, instrumentId);

    /// <summary>Ask for a new order; returns the client order id it will carry (look it up later with
    /// <see cref="IOrderView.TryGetOrder"/> to see whether risk accepted it).</summary>
    public long Submit(int instrumentId, Side side, OrderType type, long price, long quantity, TimeInForce timeInForce = TimeInForce.Gtc, int tag = 0)
    {
        var id = Orders.ReserveClientOrderId(BotId);
        intents.TryAdd(new OrderIntent
        {
            Action = IntentAction.Submit, BotId = BotId, InstrumentId = instrumentId, Side = side, Type = type,
            TimeInForce = timeInForce, Price = price, Quantity = quantity, Tag = tag, TargetClientOrderId = id,
        });
        return id;
    }

    public void Cancel(long clientOrderId, int instrumentId) =>
        intents.TryAdd(new OrderIntent { Action = IntentAction.Cancel, BotId = BotId, InstrumentId = instrumentId, TargetClientOrderId = clientOrderId });

    /// <summary>Cancel all the bot's open orders on an instrument (0 = everywhere).</summary>
    public void CancelAll(int instrumentId) =>
        intents.TryAdd(new OrderIntent { Action = IntentAction.CancelAll, BotId = BotId, InstrumentId = instrumentId });
}
