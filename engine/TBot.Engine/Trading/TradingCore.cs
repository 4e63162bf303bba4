using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Market;
using TBot.Engine.Orders;
using TBot.Engine.Portfolio;
using TBot.Engine.Risk;
using TBot.Engine.Ring;

namespace TBot.Engine.Trading;

/// <summary>
/// The business end of the ring, one fused handler so the order of effects is fixed and replayable: for each
/// event, the market view, operator commands and order reports are applied, the paper gateway matches, each
/// bot's strategy runs and its intents pass risk into the order manager, and kill switches are checked.
/// Live, replay, restart rebuild and backtest all drive this same <see cref="Process"/>.
/// </summary>
public sealed class TradingCore : IEventHandler<MarketEvent>
{
    private readonly BotInstance[] _bots;
    private readonly IntentBuffer _intents;
    private readonly RiskManager _risk;
    private readonly OrderManager _orders;
    private readonly MarketState _market;
    private readonly IDecisionLog _decisions;
    private IExecutionGateway _gateway;

    public TradingCore(MarketState market, BotInstance[] bots, IntentBuffer intents, RiskManager risk, OrderManager orders,
        IExecutionGateway gateway, IDecisionLog decisions)
    {
        _market = market;
        _bots = bots;
        _intents = intents;
        _risk = risk;
        _orders = orders;
        _decisions = decisions;
        _gateway = gateway;
        orders.Gateway = gateway;
    }

    public MarketState Market => _market;

    public OrderManager Orders => _orders;

    public RiskManager Risk => _risk;

    public IReadOnlyList<BotInstance> Bots => _bots;

    public TradingCounters Counters { get; } = new();

    /// <summary>Strategies may place orders (a <see cref="ControlCommand.EnableTrading"/> event came).</summary>
    public bool TradingEnabled { get; private set; }

    /// <summary>Unknown open orders found by reconciliation are adopted (true) or were cancelled at the venue (false).</summary>
    public bool AdoptUnknownOrders { get; set; } = true;

    /// <summary>Engine time of the last event.</summary>
    public long NowNs { get; private set; }

    public IExecutionGateway Gateway
    {
        get => _gateway;
        set
        {
            _gateway = value;
            _orders.Gateway = value;
        }
    }

    public void OnEvent(ref MarketEvent evt, long sequence, bool endOfBatch) => Process(in evt, sequence);

    public void Process(in MarketEvent e, long sequence)
    {
        // Engine time never goes back: producers (ingress, timer, live reports) stamp their events on their own
        // threads, so receive times on the ring may be out of order by microseconds.
        var now = e.ReceiveTimeNs > NowNs ? e.ReceiveTimeNs : NowNs;
        NowNs = now;
        _orders.Sequence = sequence;
        _orders.NowNs = now;
        Counters.OnEvent();
        _market.Apply(in e, now);

        switch (e.Kind)
        {
            case MarketEventKind.Control:
                ApplyControl(in e);
                break;
            case MarketEventKind.OrderUpdate:
            case MarketEventKind.Fill:
                if (ExecutionReportCodec.TryRead(in e, out var report))
                {
                    _orders.AdoptingUnknownOrders = AdoptUnknownOrders && e.Has(EventFlags.Reconciled);
                    _orders.OnReport(in report);
                    _orders.AdoptingUnknownOrders = false;
                }
                break;
        }

        _gateway.OnMarketEvent(in e, now, _orders);

        // Strategies see a book message once it is complete: between its first and last level the replicated
        // book is half updated (and most depth messages carry many levels, so this also saves the work).
        var midMessage = e.Kind is MarketEventKind.BookDelta or MarketEventKind.BookSnapshotLevel && !e.Has(EventFlags.LastInMessage);
        for (var b = 0; b < _bots.Length && !midMessage; b++)
        {
            var bot = _bots[b];
            var ctx = bot.Context;
            ctx.NowNs = now;
            ctx.CanTrade = TradingEnabled && _risk.State(bot.BotId) == BotRiskState.Active;
            bot.Strategy.OnEvent(in e, ctx);
            if (_intents.Count > 0) ProcessIntents(ctx.CanTrade, now);
        }

        var timer = e.Kind == MarketEventKind.Timer;
        for (var b = 0; b < _bots.Length; b++)
        {
            var id = _bots[b].BotId;
            if (!_orders.TakePnlDirty(id) && !timer) continue;
            var pnl = _orders.Portfolio.TotalPnl(id, _market);
            var cause = _risk.OnPnl(id, pnl, now);
            if (cause != KillSwitchCause.None) Kill(id, (byte)cause, pnl);
        }
    }

    private void ProcessIntents(bool canTrade, long now)
    {
        for (var i = 0; i < _intents.Count; i++)
        {
            ref var intent = ref _intents[i];
            Counters.OnIntent();
            switch (intent.Action)
            {
                case IntentAction.Submit:
                {
                    var reason = canTrade ? _risk.Check(in intent, now, _market, _orders) : RiskRejectReason.BotHalted;
                    if (reason != RiskRejectReason.None) _orders.RecordRiskReject(in intent, (byte)reason);
                    else if (!_orders.Submit(in intent)) Counters.OnIntentDropped();
                    break;
                }
                case IntentAction.Cancel:
                    if (_orders.TryGetOrder(intent.TargetClientOrderId, out var order) && order.BotId == intent.BotId)
                        _orders.Cancel(intent.TargetClientOrderId);
                    break;
                case IntentAction.CancelAll:
                    _orders.CancelAll(intent.BotId, intent.InstrumentId);
                    break;
            }
        }
        _intents.Clear();
    }

    private void Kill(int botId, byte cause, long pnl)
    {
        Counters.OnKillSwitch();
        var d = new DecisionRecord { Kind = DecisionKind.KillSwitch, BotId = botId, Reason = cause, Value2 = pnl, Sequence = _orders.Sequence, TimeNs = NowNs };
        _decisions.Append(in d);
        _orders.CancelAll(botId, 0);
    }

    private void ApplyControl(in MarketEvent e)
    {
        Counters.OnControl();
        var command = ControlEvents.Command(in e);
        var bot = ControlEvents.Bot(in e);
        var d = new DecisionRecord { Kind = DecisionKind.Control, Reason = (byte)command, BotId = bot, Price = e.Price, Quantity = e.UpdateId, Sequence = _orders.Sequence, TimeNs = NowNs };
        _decisions.Append(in d);
        switch (command)
        {
            case ControlCommand.EnableTrading:
                TradingEnabled = true;
                break;
            case ControlCommand.DisableTrading:
                TradingEnabled = false;
                break;
            case ControlCommand.PauseBot:
                if (IsBot(bot)) _risk.Pause(bot);
                break;
            case ControlCommand.ResumeBot:
                if (IsBot(bot)) _risk.Resume(bot);
                break;
            case ControlCommand.KillBot:
                if (IsBot(bot))
                {
                    _risk.Halt(bot, KillSwitchCause.Manual);
                    Kill(bot, (byte)KillSwitchCause.Manual, _orders.Portfolio.TotalPnl(bot, _market));
                }
                break;
            case ControlCommand.SetRiskLimit:
                if (IsBot(bot)) _risk.SetLimits(bot, RiskLimitChange.Apply(_risk.Limits(bot), (RiskLimitField)e.UpdateId, e.Price));
                break;
            case ControlCommand.CancelAll:
                _orders.CancelAll(bot, 0);
                break;
            case ControlCommand.FlattenBot:
                if (IsBot(bot)) Flatten(bot);
                break;
        }
    }

    /// <summary>Cancel the bot's open orders, then send one market IOC order per instrument that takes its position
    /// to zero. Risk checks these as reduce-only (no state, loss, size or rate limits: flattening only lowers risk),
    /// so a paused or killed bot can be flattened. Orders still being cancelled may fill before their cancel lands:
    /// flatten again if a remainder is left. Rare path (operator action): walks every instrument.</summary>
    private void Flatten(int botId)
    {
        _orders.CancelAll(botId, 0);
        for (var id = 1; id < _orders.Portfolio.InstrumentSlots; id++)
        {
            var position = _orders.Position(botId, id);
            if (position == 0) continue;
            var intent = new OrderIntent
            {
                Action = IntentAction.Submit, BotId = botId, InstrumentId = id, Type = OrderType.Market, TimeInForce = TimeInForce.Ioc,
                Side = position > 0 ? Events.Side.Sell : Events.Side.Buy, Quantity = Math.Abs(position),
                TargetClientOrderId = _orders.ReserveClientOrderId(botId),
            };
            var reason = _risk.CheckFlatten(in intent, NowNs, _market, _orders);
            if (reason != RiskRejectReason.None) _orders.RecordRiskReject(in intent, (byte)reason);
            else if (!_orders.Submit(in intent)) Counters.OnIntentDropped();
        }
    }

    private bool IsBot(int botId)
    {
        for (var i = 0; i < _bots.Length; i++) if (_bots[i].BotId == botId) return true;
        return false;
    }
}
