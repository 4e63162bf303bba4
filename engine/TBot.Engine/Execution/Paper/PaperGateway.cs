using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Market;
using TBot.Engine.Orders;

namespace TBot.Engine.Execution.Paper;

/// <summary>
/// A simulated venue matched against the engine's own <see cref="MarketState"/> (see FILL-MODEL.md). Runs on
/// the trading thread inside the fused handler and reports straight into the sink it is given. Deterministic:
/// its only clock is the engine time passed to <see cref="OnMarketEvent"/>, and its ids come from counters, so
/// the same event sequence always gives the same reports. Allocation-free after construction.
/// <para>Not re-entrant: a sink that submits or cancels from inside a report has the request queued and handled
/// on the next event.</para>
/// </summary>
public sealed partial class PaperGateway : IExecutionGateway
{
    private readonly InstrumentRegistry _instruments;
    private readonly MarketState _market;
    private readonly long _latencyNs;
    private readonly long _makerRate;
    private readonly long _takerRate;
    private readonly PendingQueue _pending;
    private readonly DisplayedLiquidity _liquidity;
    private readonly PaperOrder[] _resting;     // in arrival order: index order is time priority
    private readonly int[] _restingByInstrument;
    private readonly int[] _candidates;         // scratch: indices of resting orders that can fill on this event
    private readonly bool _queue;
    private readonly bool[] _barInstrument;     // instruments whose data is bars only (bar fill model)
    private readonly long[] _lastBarNs;
    private readonly int _barSlippageTicks;
    private readonly int _barVolumeFractionBps;
    private int _restingCount;
    private long _nowNs;
    private long _eventCount;
    private long _lastVenueOrderId;
    private long _lastTradeId;
    private bool _busy;
    private bool _midMessage;

    public PaperGateway(InstrumentRegistry instruments, MarketState market, PaperGatewayOptions options)
    {
        options.Validate();
        _instruments = instruments;
        _market = market;
        _latencyNs = options.LatencyNs;
        _makerRate = PaperFees.RateFromBps(options.MakerFeeBps);
        _takerRate = PaperFees.RateFromBps(options.TakerFeeBps);
        _pending = new PendingQueue(options.PendingCapacity);
        var slots = Math.Min(instruments.Count + 1, market.Capacity);
        _liquidity = new DisplayedLiquidity(market, slots, options.TrackedLevelsPerSide, options.MaxFillFractionBps);
        _resting = new PaperOrder[options.Capacity];
        _restingByInstrument = new int[slots];
        _candidates = new int[options.Capacity];
        _queue = options.QueuePosition;
        _barInstrument = new bool[slots];
        _lastBarNs = new long[slots];
        _barSlippageTicks = options.BarSlippageTicks;
        _barVolumeFractionBps = options.BarVolumeFractionBps;
    }

    public bool ReportsViaRing => false;

    /// <summary>The gateway's engine time: the <c>nowNs</c> of the latest <see cref="OnMarketEvent"/>. Submissions
    /// and cancels leave at this time and arrive <see cref="PaperGatewayOptions.LatencyNs"/> later.</summary>
    public long NowNs => _nowNs;

    public int RestingCount => _restingCount;

    public int PendingCount => _pending.Count;

    /// <summary>Cancels that found no resting order (unknown, already filled, expired or cancelled): no report.</summary>
    public long IgnoredCancels { get; private set; }

    /// <summary>Cancels dropped because <see cref="PaperGatewayOptions.PendingCapacity"/> was exhausted: no report.</summary>
    public long DroppedCancels { get; private set; }

    /// <summary>The last trade id handed out (trade ids are strictly increasing over all fills).</summary>
    public long LastTradeId => _lastTradeId;

    public bool TryGetRestingOrder(long clientOrderId, out PaperOrder order)
    {
        var i = IndexOfResting(clientOrderId);
        order = i >= 0 ? _resting[i] : default;
        return i >= 0;
    }

    /// <summary>Queue the order for arrival at now + latency (at once when the latency is 0). <paramref name="sequence"/>
    /// is not needed: nothing leaves the process.</summary>
    public void Submit(in Order order, long sequence, IExecutionReportSink reports)
    {
        var action = new PendingAction
        {
            Kind = PendingActionKind.Submit,
            DueNs = _nowNs + _latencyNs,
            Order = new PaperOrder
            {
                ClientOrderId = order.ClientOrderId, InstrumentId = order.InstrumentId, Side = order.Side,
                Type = order.Type, TimeInForce = order.TimeInForce, Price = order.Price, Quantity = order.Quantity,
                SubmittedNs = _nowNs,
            },
        };
        if (!_pending.TryEnqueue(in action))
        {
            Report(ExecutionReportKind.Rejected, in action.Order, PaperRejectCodes.PendingQueueFull, reports);
            return;
        }
        if (_latencyNs == 0) DrainDueNow(reports);
    }

    /// <summary>Queue a cancel for arrival at now + latency (at once when the latency is 0).</summary>
    public void Cancel(in Order order, long sequence, IExecutionReportSink reports)
    {
        var action = new PendingAction
        {
            Kind = PendingActionKind.Cancel,
            DueNs = _nowNs + _latencyNs,
            Order = new PaperOrder { ClientOrderId = order.ClientOrderId, InstrumentId = order.InstrumentId },
        };
        if (!_pending.TryEnqueue(in action))
        {
            DroppedCancels++;
            return;
        }
        if (_latencyNs == 0) DrainDueNow(reports);
    }

    /// <summary>Advance the clock to <paramref name="nowNs"/>, let due submissions and cancels arrive (in submission
    /// order), then match resting orders of the event's instrument against it.</summary>
    public void OnMarketEvent(in MarketEvent e, long nowNs, IExecutionReportSink reports)
    {
        _liquidity.OnMarketEvent(in e);
        if (_queue && e.Kind == MarketEventKind.BookDelta) ClampQueuesAtLevel(in e);
        _nowNs = nowNs;
        _eventCount++;
        // Mid-way through a book message the replicated book is half updated: wait for its last level.
        _midMessage = e.Kind is MarketEventKind.BookDelta or MarketEventKind.BookSnapshotLevel && !e.Has(EventFlags.LastInMessage);
        if (_midMessage || _busy) return;
        _busy = true;
        try
        {
            DrainDue(reports);
            MatchResting(in e, reports);
        }
        finally
        {
            _busy = false;
        }
    }

    // ---- arrivals and cancels ----

    /// <summary>Zero latency: handle the request inside the call, unless the call came from inside a report (the
    /// resting array may be mid-iteration) or a book message is half applied: then it waits for the next event.</summary>
    private void DrainDueNow(IExecutionReportSink reports)
    {
        if (_busy || _midMessage) return;
        _busy = true;
        try
        {
            DrainDue(reports);
        }
        finally
        {
            _busy = false;
        }
    }

    private void DrainDue(IExecutionReportSink reports)
    {
        while (_pending.Count > 0 && _pending.Peek().DueNs <= _nowNs)
        {
            var action = _pending.Peek();
            _pending.Dequeue();
            if (action.Kind == PendingActionKind.Submit) Arrive(ref action.Order, reports);
            else ArriveCancel(action.Order.ClientOrderId, reports);
        }
    }

    private void Arrive(ref PaperOrder o, IExecutionReportSink reports)
    {
        var code = Validate(in o);
        if (code != 0)
        {
            Report(ExecutionReportKind.Rejected, in o, code, reports);
            return;
        }
        o.VenueOrderId = ++_lastVenueOrderId;
        Report(ExecutionReportKind.Accepted, in o, 0, reports);
        if (IsBarInstrument(o.InstrumentId))
        {
            // Bar data: every order waits for the next bar (see PaperGateway.Bars.cs), market and IOC orders included.
            if (_restingCount == _resting.Length)
            {
                Report(ExecutionReportKind.Rejected, in o, PaperRejectCodes.CapacityExceeded, reports);
                return;
            }
            o.RestedOnEvent = _eventCount;
            _resting[_restingCount++] = o;
            _restingByInstrument[o.InstrumentId]++;
            return;
        }
        if (o.TimeInForce != TimeInForce.PostOnly) TakeAsTaker(ref o, reports);
        if (o.Remaining == 0) return;
        if (o.Type == OrderType.Market || o.TimeInForce == TimeInForce.Ioc)
        {
            Report(ExecutionReportKind.Expired, in o, 0, reports);
            return;
        }
        o.RestedOnEvent = _eventCount;
        if (_queue) o.QueueAhead = VisibleAhead(in o);
        _resting[_restingCount++] = o;
        _restingByInstrument[o.InstrumentId]++;
    }

    private int Validate(in PaperOrder o)
    {
        var id = o.InstrumentId;
        if (id >= _restingByInstrument.Length || !_instruments.TryGet(id, out var instrument)) return PaperRejectCodes.UnknownInstrument;
        if (o.Side is not (Side.Buy or Side.Sell)) return PaperRejectCodes.InvalidOrderType;
        if (o.TimeInForce is not (TimeInForce.Gtc or TimeInForce.Ioc or TimeInForce.PostOnly)) return PaperRejectCodes.InvalidOrderType;
        if (o.Type == OrderType.Market)
        {
            if (o.TimeInForce == TimeInForce.PostOnly) return PaperRejectCodes.InvalidOrderType;
        }
        else if (o.Type == OrderType.Limit)
        {
            if (o.Price <= 0 || (instrument.TickSize > 0 && o.Price % instrument.TickSize != 0)) return PaperRejectCodes.InvalidPrice;
        }
        else
        {
            return PaperRejectCodes.InvalidOrderType;
        }
        if (o.Quantity <= 0 || (instrument.StepSize > 0 && o.Quantity % instrument.StepSize != 0)) return PaperRejectCodes.InvalidQuantity;
        if (!_market.IsTradable(id, _nowNs, 0)) return PaperRejectCodes.NoQuote;
        if (o.TimeInForce == TimeInForce.PostOnly
            && _liquidity.TryGetLevel(id, Opposite(o.Side), 0, out var best, out _)
            && Crosses(o.Side, o.Price, best)) return PaperRejectCodes.PostOnlyWouldCross;
        // Checked before acceptance (as a venue would), even if the order might fill completely.
        if (o.Type == OrderType.Limit && o.TimeInForce != TimeInForce.Ioc && _restingCount == _resting.Length) return PaperRejectCodes.CapacityExceeded;
        return 0;
    }

    private void ArriveCancel(long clientOrderId, IExecutionReportSink reports)
    {
        var i = IndexOfResting(clientOrderId);
        if (i < 0)
        {
            IgnoredCancels++;
            return;
        }
        var o = _resting[i];
        RemoveRestingAt(i);
        Report(ExecutionReportKind.Cancelled, in o, 0, reports);
    }

    /// <summary>On arrival: walk the opposite side from the best level while it crosses the limit, taking at most
    /// what each level still offers, one fill per level at the level's price.</summary>
    private void TakeAsTaker(ref PaperOrder o, IExecutionReportSink reports)
    {
        var bookSide = Opposite(o.Side);
        var step = _instruments[o.InstrumentId].StepSize;
        for (var depth = 0; o.Remaining > 0; depth++)
        {
            if (!_liquidity.TryGetLevel(o.InstrumentId, bookSide, depth, out var price, out var available)) break;
            if (o.Type == OrderType.Limit && !Crosses(o.Side, o.Price, price)) break;
            var quantity = FloorToStep(Math.Min(o.Remaining, available), step);
            if (quantity <= 0) continue;
            _liquidity.Take(o.InstrumentId, bookSide, price, quantity);
            Fill(ref o, price, quantity, isMaker: false, reports);
        }
    }

    // ---- resting orders ----

    private void MatchResting(in MarketEvent e, IExecutionReportSink reports)
    {
        var id = e.InstrumentId;
        if (id <= 0 || id >= _restingByInstrument.Length) return;
        if (e.Kind == MarketEventKind.Candle && _barInstrument[id] && !e.Has(EventFlags.Provisional))
        {
            // Every bar's time is kept (orders decided at it fill at the next bar's open), resting orders or not.
            var previousBarNs = _lastBarNs[id];
            _lastBarNs[id] = e.ReceiveTimeNs;
            if (_restingByInstrument[id] == 0) return;
            MatchBar(in e, previousBarNs, reports);
            RemoveFilled();
            return;
        }
        if (_restingByInstrument[id] == 0) return;
        switch (e.Kind)
        {
            case MarketEventKind.Trade:
                if (_queue) ConsumeQueue(in e);
                MatchTrade(in e, reports);
                break;
            case MarketEventKind.Quote:
            case MarketEventKind.Ticker when e.Bid > 0 && e.Ask > 0:
            case MarketEventKind.BookDelta:
            case MarketEventKind.BookSnapshotLevel:
                // Deltas were applied level by level (ClampQueuesAtLevel); snapshots and quotes need a look at the side.
                if (_queue && e.Kind != MarketEventKind.BookDelta) RefreshQueues(id);
                if (_market.IsTradable(id, _nowNs, 0))
                {
                    MatchBook(id, Side.Buy, reports);
                    MatchBook(id, Side.Sell, reports);
                }
                break;
            default:
                return;
        }
        RemoveFilled();
    }

    /// <summary>Resting orders of one side that the opposite side now crosses fill at their own price as makers,
    /// in price-time priority, up to the size of the crossing levels.</summary>
    private void MatchBook(int id, Side side, IExecutionReportSink reports)
    {
        var bookSide = Opposite(side);
        if (!_liquidity.TryGetLevel(id, bookSide, 0, out var best, out _)) return;
        var n = CollectCandidates(id, side, best);
        var step = _instruments[id].StepSize;
        for (var c = 0; c < n; c++)
        {
            ref var o = ref _resting[_candidates[c]];
            // Queue model: the opposite side at exactly our price has not reached us while a queue is ahead.
            if (_queue && o.QueueAhead > 0 && o.Price == best) continue;
            long total = 0;
            for (var depth = 0; total < o.Remaining; depth++)
            {
                if (!_liquidity.TryGetLevel(id, bookSide, depth, out var price, out var available)) break;
                if (!Crosses(side, o.Price, price)) break;
                var quantity = FloorToStep(Math.Min(o.Remaining - total, available), step);
                if (quantity <= 0) continue;
                _liquidity.Take(id, bookSide, price, quantity);
                total += quantity;
            }
            if (total > 0) Fill(ref o, o.Price, total, isMaker: true, reports);
        }
    }

    /// <summary>A trade at or through a resting order's price fills it at its own price as maker; the print's size
    /// (times the fill fraction) is shared by the resting orders in price-time priority, buys first.</summary>
    private void MatchTrade(in MarketEvent e, IExecutionReportSink reports)
    {
        var left = _liquidity.Share(e.Quantity);
        if (left <= 0 || e.Price <= 0) return;
        var step = _instruments[e.InstrumentId].StepSize;
        for (var s = 0; s < 2 && left > 0; s++)
        {
            var side = s == 0 ? Side.Buy : Side.Sell;
            var n = CollectCandidates(e.InstrumentId, side, e.Price);
            for (var c = 0; c < n && left > 0; c++)
            {
                ref var o = ref _resting[_candidates[c]];
                // Queue model: a print at our own price fills us only beyond the queue ahead of us.
                var cap = _queue && o.Price == e.Price ? o.QueueFillable : long.MaxValue;
                var quantity = FloorToStep(Math.Min(Math.Min(o.Remaining, left), cap), step);
                if (quantity <= 0) continue;
                left -= quantity;
                Fill(ref o, o.Price, quantity, isMaker: true, reports);
            }
        }
    }

    /// <summary>Indices of resting orders on one side of an instrument that <paramref name="price"/> crosses, sorted
    /// best price first; a stable insertion sort over arrival order keeps time priority among equal prices.</summary>
    private int CollectCandidates(int id, Side side, long price)
    {
        var n = 0;
        for (var i = 0; i < _restingCount; i++)
        {
            ref readonly var o = ref _resting[i];
            if (o.InstrumentId != id || o.Side != side || o.RestedOnEvent == _eventCount || o.Remaining <= 0) continue;
            if (!Crosses(side, o.Price, price)) continue;
            var j = n++;
            while (j > 0 && Better(side, o.Price, _resting[_candidates[j - 1]].Price))
            {
                _candidates[j] = _candidates[j - 1];
                j--;
            }
            _candidates[j] = i;
        }
        return n;
    }

    // ---- helpers ----

    private void Fill(ref PaperOrder o, long price, long quantity, bool isMaker, IExecutionReportSink reports)
    {
        o.Filled += quantity;
        var instrument = _instruments[o.InstrumentId];
        var notional = Money.Notional(price, instrument.PriceScale, quantity, instrument.QuantityScale);
        var r = new ExecutionReport
        {
            Kind = ExecutionReportKind.Fill, IsMaker = isMaker, Side = o.Side, OrderType = o.Type,
            InstrumentId = o.InstrumentId, ClientOrderId = o.ClientOrderId, VenueOrderId = o.VenueOrderId,
            TradeId = ++_lastTradeId, Price = price, Quantity = quantity, CumulativeQuantity = o.Filled,
            Fee = PaperFees.Fee(notional, isMaker ? _makerRate : _takerRate), TimeNs = _nowNs,
        };
        reports.OnReport(in r);
    }

    private void Report(ExecutionReportKind kind, in PaperOrder o, int code, IExecutionReportSink reports)
    {
        var r = new ExecutionReport
        {
            Kind = kind, Side = o.Side, OrderType = o.Type, InstrumentId = o.InstrumentId,
            ClientOrderId = o.ClientOrderId, VenueOrderId = o.VenueOrderId, Price = o.Price, Quantity = o.Quantity,
            CumulativeQuantity = o.Filled, Code = code, TimeNs = _nowNs,
        };
        reports.OnReport(in r);
    }

    private int IndexOfResting(long clientOrderId)
    {
        for (var i = 0; i < _restingCount; i++)
            if (_resting[i].ClientOrderId == clientOrderId) return i;
        return -1;
    }

    private void RemoveRestingAt(int index)
    {
        _restingByInstrument[_resting[index].InstrumentId]--;
        _restingCount--;
        Array.Copy(_resting, index + 1, _resting, index, _restingCount - index);
        _resting[_restingCount] = default;
    }

    /// <summary>Drop fully filled orders, keeping the others in arrival order.</summary>
    private void RemoveFilled()
    {
        var kept = 0;
        for (var i = 0; i < _restingCount; i++)
        {
            if (_resting[i].Remaining <= 0)
            {
                _restingByInstrument[_resting[i].InstrumentId]--;
                continue;
            }
            if (kept != i) _resting[kept] = _resting[i];
            kept++;
        }
        for (var i = kept; i < _restingCount; i++) _resting[i] = default;
        _restingCount = kept;
    }

    private static Side Opposite(Side side) => side == Side.Buy ? Side.Sell : Side.Buy;

    /// <summary>A buy at <paramref name="limit"/> trades against <paramref name="price"/> at or below it; a sell at or above.</summary>
    private static bool Crosses(Side side, long limit, long price) => side == Side.Buy ? price <= limit : price >= limit;

    /// <summary>Strictly better priority price for the side.</summary>
    private static bool Better(Side side, long price, long than) => side == Side.Buy ? price > than : price < than;

    private static long FloorToStep(long quantity, long step) => step > 0 ? quantity - quantity % step : quantity;
}
