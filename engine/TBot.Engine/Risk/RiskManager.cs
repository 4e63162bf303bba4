using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Market;
using TBot.Engine.Orders;

namespace TBot.Engine.Risk;

/// <summary>
/// Pre-trade risk and the kill switch. Every intent passes <see cref="Check"/> before it becomes an order;
/// <see cref="OnPnl"/> watches each bot's PnL. Trading thread only: limit changes, pause and resume arrive as
/// commands the trading core applies between events. Allocation-free and deterministic: "now" is the engine
/// time passed in, never the wall clock.
/// <para>Submit checks run in this fixed order; the first failure is the answer:</para>
/// <list type="number">
/// <item><see cref="RiskRejectReason.InvalidOrder"/>: bot id outside 1..capacity, unknown instrument, bad side,
/// type or time in force, quantity ≤ 0 or off the step, limit price ≤ 0 or off the tick.</item>
/// <item><see cref="RiskRejectReason.BotHalted"/>: kill switch fired or paused.</item>
/// <item><see cref="RiskRejectReason.DailyLossLimit"/>, then <see cref="RiskRejectReason.MaxDrawdown"/>: the PnL last
/// reported is already beyond the (possibly just tightened) limit.</item>
/// <item><see cref="RiskRejectReason.PriceCollar"/>: a market order with no mid, or a limit price more than the collar
/// from mid (no mid counts as outside). Before the staleness check so that a market order without a reference price
/// is named as such.</item>
/// <item><see cref="RiskRejectReason.StaleMarketData"/>: book marked stale, no two-sided quote, or quote too old.</item>
/// <item><see cref="RiskRejectReason.MaxOrderQuantity"/>, <see cref="RiskRejectReason.MaxOrderNotional"/> (limit price,
/// or the far touch for a market order).</item>
/// <item><see cref="RiskRejectReason.MaxOpenOrders"/> over all the bot's instruments.</item>
/// <item><see cref="RiskRejectReason.MaxPositionInstrument"/>: position + open same-side quantity + this order.</item>
/// <item><see cref="RiskRejectReason.MaxPositionBot"/>: Σ over the bot's instruments of the worst-case |position| × mid.</item>
/// <item><see cref="RiskRejectReason.OrderRateLimit"/>: last, so only an order that will really be sent takes a token.</item>
/// </list>
/// Position checks never block an order that only makes the worst case smaller: reducing risk is always allowed,
/// even above a limit. Cancels pass in every state unless the order is unknown or another bot's
/// (<see cref="RiskRejectReason.UnknownOrder"/>); cancel-all always passes.
/// </summary>
public sealed class RiskManager
{
    private const int VenueSlots = 4;
    private const long NsPerMs = 1_000_000;
    private const int BpsPerUnit = 10_000;

    // Instrument rules copied at construction: flat arrays instead of a record dereference per check.
    private readonly int _instrumentCount;
    private readonly Venue[] _venue;
    private readonly int[] _priceScale;
    private readonly int[] _quantityScale;
    private readonly long[] _tickSize;
    private readonly long[] _stepSize;

    // Per bot, indexed by bot id (0 unused).
    private readonly RiskLimits[] _limits;
    private readonly BotRiskState[] _state;
    private readonly KillSwitchCause[] _haltCause;
    private readonly PnlWatermarks[] _pnl;
    private readonly TokenBucket[] _buckets; // [bot * VenueSlots + venue]

    /// <param name="instruments">Must be fully registered: instruments added later are unknown to risk.</param>
    /// <param name="defaults">Limits of every bot until <see cref="SetLimits"/>.</param>
    /// <param name="botCapacity">Bots are numbered 1..<paramref name="botCapacity"/>.</param>
    public RiskManager(InstrumentRegistry instruments, RiskLimits defaults, int botCapacity = 64)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(botCapacity);
        ThrowIfInvalid(defaults);

        _instrumentCount = instruments.Count;
        var n = _instrumentCount + 1;
        _venue = new Venue[n];
        _priceScale = new int[n];
        _quantityScale = new int[n];
        _tickSize = new long[n];
        _stepSize = new long[n];
        foreach (var i in instruments.All)
        {
            _venue[i.Id] = i.Venue;
            _priceScale[i.Id] = i.PriceScale;
            _quantityScale[i.Id] = i.QuantityScale;
            _tickSize[i.Id] = i.TickSize;
            _stepSize[i.Id] = i.StepSize;
        }

        BotCapacity = botCapacity;
        Counters = new RiskCounters(botCapacity);
        _limits = new RiskLimits[botCapacity + 1];
        _state = new BotRiskState[botCapacity + 1];
        _haltCause = new KillSwitchCause[botCapacity + 1];
        _pnl = new PnlWatermarks[botCapacity + 1];
        _buckets = new TokenBucket[(botCapacity + 1) * VenueSlots];
        for (var bot = 1; bot <= botCapacity; bot++) ApplyLimits(bot, defaults);
    }

    public int BotCapacity { get; }

    /// <summary>Every result and kill switch, readable from any thread.</summary>
    public RiskCounters Counters { get; }

    public RiskLimits Limits(int botId) => _limits[ValidBot(botId)];

    /// <summary>Replace a bot's limits; the next check uses them. Rate buckets keep the tokens already earned
    /// (clamped to the new burst). Throws when the limits are invalid (see <see cref="RiskLimits.Problems"/>).</summary>
    public void SetLimits(int botId, RiskLimits limits)
    {
        ValidBot(botId);
        ThrowIfInvalid(limits);
        ApplyLimits(botId, limits);
    }

    /// <summary>Check one intent at engine time <paramref name="nowNs"/>; <see cref="RiskRejectReason.None"/> = go.
    /// A submit that passes takes a rate token. Every result is counted.</summary>
    public RiskRejectReason Check(in OrderIntent intent, long nowNs, MarketState market, IOrderView orders)
    {
        var reason = Evaluate(in intent, nowNs, market, orders);
        Counters.Count(intent.BotId, reason);
        return reason;
    }

    /// <summary>
    /// Check an operator flatten order (<see cref="Trading.ControlCommand.FlattenBot"/>): well formed, and it only
    /// brings the bot's position toward zero without crossing it. A documented bypass of every other limit: the
    /// bot's state (a killed bot is exactly the one to flatten), loss and drawdown, collar, order size and notional,
    /// open orders, position and rate limits, since the order can only lower the bot's exposure. Market data must
    /// still be two-sided and not stale, so the order never goes out blind. Counted like any check.
    /// </summary>
    public RiskRejectReason CheckFlatten(in OrderIntent intent, long nowNs, MarketState market, IOrderView orders)
    {
        var reason = EvaluateFlatten(in intent, nowNs, market, orders);
        Counters.Count(intent.BotId, reason);
        return reason;
    }

    private RiskRejectReason EvaluateFlatten(in OrderIntent intent, long nowNs, MarketState market, IOrderView orders)
    {
        var bot = intent.BotId;
        if ((uint)(bot - 1) >= (uint)BotCapacity || intent.Action != IntentAction.Submit || !IsWellFormed(in intent))
            return RiskRejectReason.InvalidOrder;
        var position = orders.Position(bot, intent.InstrumentId);
        var reduces = intent.Side == Side.Sell ? position > 0 && intent.Quantity <= position : position < 0 && intent.Quantity <= -position;
        if (!reduces) return RiskRejectReason.InvalidOrder;
        var id = intent.InstrumentId;
        if ((uint)id >= (uint)market.Capacity) return RiskRejectReason.StaleMarketData;
        ref readonly var quote = ref market.Quote(id);
        var limits = _limits[bot];
        if (quote.IsStale || quote.Mid == 0 || (limits.MaxQuoteAgeMs > 0 && nowNs - quote.QuoteUpdatedNs > limits.MaxQuoteAgeMs * NsPerMs))
            return RiskRejectReason.StaleMarketData;
        return RiskRejectReason.None;
    }

    /// <summary>
    /// The bot's total PnL (realised + unrealised − fees, money units) at engine time <paramref name="nowNs"/>, after
    /// fills and on timers. Returns the cause when this call fires the kill switch (exactly once per firing: the bot is
    /// then <see cref="BotRiskState.Halted"/> and the caller cancels its orders, stops the strategy and journals it);
    /// otherwise <see cref="KillSwitchCause.None"/>. The daily loss is checked before the drawdown.
    /// </summary>
    public KillSwitchCause OnPnl(int botId, long totalPnlMoney, long nowNs)
    {
        ValidBot(botId);
        ref var pnl = ref _pnl[botId];
        pnl.RollDay(nowNs);
        pnl.Observe(totalPnlMoney);
        if (_state[botId] == BotRiskState.Halted) return KillSwitchCause.None;
        var limits = _limits[botId];
        var cause = limits.DailyLossLimit > 0 && pnl.DayLoss > limits.DailyLossLimit ? KillSwitchCause.DailyLossLimit
            : limits.MaxDrawdown > 0 && pnl.Drawdown > limits.MaxDrawdown ? KillSwitchCause.MaxDrawdown
            : KillSwitchCause.None;
        if (cause != KillSwitchCause.None) Fire(botId, cause);
        return cause;
    }

    /// <summary>Operator pause: submits are refused until <see cref="Resume"/>. False when the bot was not active.</summary>
    public bool Pause(int botId)
    {
        ValidBot(botId);
        if (_state[botId] != BotRiskState.Active) return false;
        _state[botId] = BotRiskState.Paused;
        return true;
    }

    /// <summary>Operator resume from a pause or a kill switch. After a kill switch, losses and drawdown are counted
    /// afresh from the last PnL seen (the operator accepted them); otherwise the same breach would fire again at once.
    /// False when the bot was already active.</summary>
    public bool Resume(int botId)
    {
        ValidBot(botId);
        var state = _state[botId];
        if (state == BotRiskState.Active) return false;
        if (state == BotRiskState.Halted)
        {
            _pnl[botId].Rebase();
            _haltCause[botId] = KillSwitchCause.None;
        }
        _state[botId] = BotRiskState.Active;
        return true;
    }

    /// <summary>Manual kill switch. False when the bot was already halted (the first cause stays).</summary>
    public bool Halt(int botId, KillSwitchCause cause = KillSwitchCause.Manual)
    {
        ValidBot(botId);
        if (cause == KillSwitchCause.None) throw new ArgumentException("A halt needs a cause.", nameof(cause));
        if (_state[botId] == BotRiskState.Halted) return false;
        Fire(botId, cause);
        return true;
    }

    public BotRiskState State(int botId) => _state[ValidBot(botId)];

    /// <summary>Why the bot is halted (<see cref="KillSwitchCause.None"/> unless <see cref="BotRiskState.Halted"/>).</summary>
    public KillSwitchCause HaltCause(int botId) => _haltCause[ValidBot(botId)];

    /// <summary>PnL since the current UTC day started (as of the last PnL seen), money units.</summary>
    public long DayPnl(int botId)
    {
        ref readonly var pnl = ref _pnl[ValidBot(botId)];
        return pnl.LastPnl - pnl.DayStartPnl;
    }

    /// <summary>Fall from peak PnL (as of the last PnL seen), money units.</summary>
    public long Drawdown(int botId) => _pnl[ValidBot(botId)].Drawdown;

    private RiskRejectReason Evaluate(in OrderIntent intent, long nowNs, MarketState market, IOrderView orders)
    {
        var bot = intent.BotId;
        if ((uint)(bot - 1) >= (uint)BotCapacity) return RiskRejectReason.InvalidOrder;
        switch (intent.Action)
        {
            case IntentAction.Submit:
                return CheckSubmit(in intent, nowNs, market, orders);
            case IntentAction.Cancel:
                // Cancels only reduce risk: allowed in every state, but only for the bot's own orders.
                return orders.TryGetOrder(intent.TargetClientOrderId, out var order) && order.BotId == bot
                    ? RiskRejectReason.None
                    : RiskRejectReason.UnknownOrder;
            case IntentAction.CancelAll:
                return RiskRejectReason.None;
            default:
                return RiskRejectReason.InvalidOrder;
        }
    }

    private RiskRejectReason CheckSubmit(in OrderIntent intent, long nowNs, MarketState market, IOrderView orders)
    {
        if (!IsWellFormed(in intent)) return RiskRejectReason.InvalidOrder;
        var bot = intent.BotId;
        var id = intent.InstrumentId;
        if (_state[bot] != BotRiskState.Active) return RiskRejectReason.BotHalted;

        var limits = _limits[bot];
        ref var pnl = ref _pnl[bot];
        pnl.RollDay(nowNs);
        if (limits.DailyLossLimit > 0 && pnl.DayLoss > limits.DailyLossLimit) return RiskRejectReason.DailyLossLimit;
        if (limits.MaxDrawdown > 0 && pnl.Drawdown > limits.MaxDrawdown) return RiskRejectReason.MaxDrawdown;

        // A market state built before the instrument was registered has no quote for it: nothing to trade against.
        if ((uint)id >= (uint)market.Capacity) return RiskRejectReason.StaleMarketData;
        ref readonly var quote = ref market.Quote(id);
        var mid = quote.Mid;
        var isMarket = intent.Type == OrderType.Market;
        if (isMarket ? mid == 0 : limits.PriceCollarBps > 0 && !WithinCollar(intent.Price, mid, limits.PriceCollarBps))
            return RiskRejectReason.PriceCollar;
        if (quote.IsStale || mid == 0 || (limits.MaxQuoteAgeMs > 0 && nowNs - quote.QuoteUpdatedNs > limits.MaxQuoteAgeMs * NsPerMs))
            return RiskRejectReason.StaleMarketData;

        var maxQuantity = limits.OrderQuantityLimit(id);
        if (maxQuantity > 0 && intent.Quantity > maxQuantity) return RiskRejectReason.MaxOrderQuantity;
        if (limits.MaxOrderNotional > 0)
        {
            // A market order is valued at the touch it will take: the far side.
            var price = !isMarket ? intent.Price : intent.Side == Side.Buy ? quote.Ask : quote.Bid;
            if (RiskMath.Notional(price, _priceScale[id], intent.Quantity, _quantityScale[id]) > limits.MaxOrderNotional)
                return RiskRejectReason.MaxOrderNotional;
        }

        if (limits.MaxOpenOrders > 0 && orders.OpenOrderCount(bot, 0) >= limits.MaxOpenOrders) return RiskRejectReason.MaxOpenOrders;

        var maxPosition = limits.PositionQuantityLimit(id);
        if (maxPosition > 0)
        {
            var position = orders.Position(bot, id);
            var openSameSide = orders.OpenQuantity(bot, id, intent.Side);
            if (PositionGrowsBeyond(position, openSameSide, intent.Side, intent.Quantity, maxPosition))
                return RiskRejectReason.MaxPositionInstrument;
        }

        if (limits.MaxPositionNotionalPerBot > 0 && BotNotionalGrowsBeyond(in intent, market, orders, limits.MaxPositionNotionalPerBot))
            return RiskRejectReason.MaxPositionBot;

        if (!_buckets[bot * VenueSlots + (int)_venue[id]].TryTake(nowNs)) return RiskRejectReason.OrderRateLimit;
        return RiskRejectReason.None;
    }

    private bool IsWellFormed(in OrderIntent intent)
    {
        var id = intent.InstrumentId;
        if ((uint)(id - 1) >= (uint)_instrumentCount) return false;
        if (intent.Side is not (Side.Buy or Side.Sell)) return false;
        if (intent.TimeInForce is not (TimeInForce.Gtc or TimeInForce.Ioc or TimeInForce.PostOnly)) return false;
        if (intent.Quantity <= 0) return false;
        if (_stepSize[id] > 0 && intent.Quantity % _stepSize[id] != 0) return false;
        return intent.Type switch
        {
            OrderType.Market => true,
            OrderType.Limit => intent.Price > 0 && (_tickSize[id] <= 0 || intent.Price % _tickSize[id] == 0),
            _ => false,
        };
    }

    /// <summary>|price − mid| ≤ bps × mid / 10 000 (exact, in 128 bits). No mid: outside.</summary>
    private static bool WithinCollar(long price, long mid, int bps) =>
        mid > 0 && RiskMath.Abs((Int128)price - mid) * BpsPerUnit <= (Int128)bps * mid;

    /// <summary>The position if every open order on this side and this one filled, against the limit. An order
    /// that only brings that worst case toward zero (without crossing it) is always allowed; one that flips the
    /// position must land within the limit.</summary>
    private static bool PositionGrowsBeyond(long position, long openSameSide, Side side, long quantity, long limit)
    {
        var sign = side == Side.Buy ? 1 : -1;
        var before = (Int128)position + sign * (Int128)openSameSide;
        var after = before + sign * (Int128)quantity;
        if (RiskMath.Abs(after) <= limit) return false;
        var reducesOnly = before > 0 ? after >= 0 && after < before : before < 0 && after <= 0 && after > before;
        return !reducesOnly;
    }

    /// <summary>Σ over the bot's instruments of max(|position + open buys|, |position − open sells|) × mid, before
    /// and after this order; refused when the total ends above the limit and this order raised it.</summary>
    private bool BotNotionalGrowsBeyond(in OrderIntent intent, MarketState market, IOrderView orders, long limit)
    {
        var bot = intent.BotId;
        Int128 before = 0;
        Int128 after = 0;
        for (var i = 1; i <= _instrumentCount; i++)
        {
            var position = orders.Position(bot, i);
            var openBuy = orders.OpenQuantity(bot, i, Side.Buy);
            var openSell = orders.OpenQuantity(bot, i, Side.Sell);
            var isOrderInstrument = i == intent.InstrumentId;
            if (!isOrderInstrument && position == 0 && openBuy == 0 && openSell == 0) continue;
            var price = ValuationPrice(market, i);
            if (price <= 0) continue; // never priced: nothing to value it at yet

            var longSide = (Int128)position + openBuy;
            var shortSide = (Int128)position - openSell;
            var worst = Int128.Max(RiskMath.Abs(longSide), RiskMath.Abs(shortSide));
            var notional = RiskMath.Notional(price, _priceScale[i], RiskMath.Saturate(worst), _quantityScale[i]);
            before += notional;
            if (isOrderInstrument)
            {
                if (intent.Side == Side.Buy) longSide += intent.Quantity;
                else shortSide -= intent.Quantity;
                worst = Int128.Max(RiskMath.Abs(longSide), RiskMath.Abs(shortSide));
                notional = RiskMath.Notional(price, _priceScale[i], RiskMath.Saturate(worst), _quantityScale[i]);
            }
            after += notional;
        }
        return after > limit && after > before;
    }

    /// <summary>Mid, or the last trade price when the instrument has no two-sided quote.</summary>
    private static long ValuationPrice(MarketState market, int instrumentId)
    {
        if ((uint)instrumentId >= (uint)market.Capacity) return 0;
        ref readonly var q = ref market.Quote(instrumentId);
        var mid = q.Mid;
        return mid > 0 ? mid : q.LastPrice;
    }

    private void Fire(int botId, KillSwitchCause cause)
    {
        _state[botId] = BotRiskState.Halted;
        _haltCause[botId] = cause;
        Counters.CountKillSwitch(botId, cause);
    }

    private void ApplyLimits(int botId, RiskLimits limits)
    {
        _limits[botId] = limits;
        for (var v = 0; v < VenueSlots; v++)
        {
            var rate = limits.OrderRate((Venue)v);
            _buckets[botId * VenueSlots + v].Configure(rate.OrdersPerSecond, rate.Burst);
        }
    }

    private int ValidBot(int botId)
    {
        if ((uint)(botId - 1) >= (uint)BotCapacity)
            throw new ArgumentOutOfRangeException(nameof(botId), botId, $"Bot ids are 1..{BotCapacity}.");
        return botId;
    }

    private static void ThrowIfInvalid(RiskLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var problems = limits.Problems();
        if (problems.Count > 0) throw new ArgumentException("Invalid risk limits: " + string.Join(" ", problems), nameof(limits));
    }
}
