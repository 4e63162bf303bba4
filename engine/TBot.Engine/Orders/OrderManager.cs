using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Portfolio;

namespace TBot.Engine.Orders;

/// <summary>
/// Owns every order of every bot on the trading thread: turns risk-approved intents into orders with
/// deterministic client order ids, sends them through the gateway, and applies execution reports through the
/// <see cref="OrderStateMachine"/>. Duplicated, late or impossible reports are counted and journaled as
/// ignored, never applied, so a fill can never count twice. Fills move the <see cref="PortfolioBook"/>.
/// </summary>
public sealed class OrderManager : IOrderView, IExecutionReportSink
{
    private readonly InstrumentRegistry _instruments;
    private readonly PortfolioBook _portfolio;
    private readonly IDecisionLog _decisions;
    private readonly OrderTable _table;
    private readonly long[] _counters;       // per bot: last client order counter handed out
    private readonly int _stride;
    private readonly int[] _openCount;       // [bot * stride + instrument]; instrument 0 = all
    private readonly long[] _openBuy;
    private readonly long[] _openSell;
    private readonly bool[] _pnlDirty;

    public OrderManager(InstrumentRegistry instruments, PortfolioBook portfolio, IDecisionLog decisions, int capacity = 1 << 16)
    {
        _instruments = instruments;
        _portfolio = portfolio;
        _decisions = decisions;
        _table = new OrderTable(capacity);
        MaxBotId = portfolio.MaxBotId;
        _counters = new long[MaxBotId + 1];
        _stride = instruments.Count + 1;
        _openCount = new int[(MaxBotId + 1) * _stride];
        _openBuy = new long[(MaxBotId + 1) * _stride];
        _openSell = new long[(MaxBotId + 1) * _stride];
        _pnlDirty = new bool[MaxBotId + 1];
    }

    public int MaxBotId { get; }

    public IExecutionGateway Gateway { get; set; } = NullGateway.Instance;

    /// <summary>Ring sequence and engine time of the event being handled (stamped on decisions).</summary>
    public long Sequence { get; set; }

    public long NowNs { get; set; }

    /// <summary>While true, an Accepted report for an unknown order adopts it (start-up reconciliation, policy adopt).</summary>
    public bool AdoptingUnknownOrders { get; set; }

    public OrderCounters Counters { get; } = new();

    public OrderTable Table => _table;

    public PortfolioBook Portfolio => _portfolio;

    /// <summary>Open orders over all bots.</summary>
    public int OpenOrders { get; private set; }

    // ---- IOrderView ----

    public long Position(int botId, int instrumentId) => _portfolio.Get(botId, instrumentId).Quantity;

    public int OpenOrderCount(int botId, int instrumentId) => _openCount[botId * _stride + instrumentId];

    public long OpenQuantity(int botId, int instrumentId, Side side) =>
        side == Side.Buy ? _openBuy[botId * _stride + instrumentId] : _openSell[botId * _stride + instrumentId];

    public bool TryGetOrder(long clientOrderId, out Order order)
    {
        var slot = _table.Find(clientOrderId);
        if (slot < 0)
        {
            order = default;
            return false;
        }
        order = _table[slot];
        return true;
    }

    public long ReserveClientOrderId(int botId) => ClientOrderIds.Make(botId, ++_counters[botId]);

    /// <summary>The last counter handed out to a bot.</summary>
    public long LastCounter(int botId) => _counters[botId];

    /// <summary>True (once) when the bot's PnL moved since the last call: the core re-checks its kill switch.</summary>
    public bool TakePnlDirty(int botId)
    {
        if (!_pnlDirty[botId]) return false;
        _pnlDirty[botId] = false;
        return true;
    }

    // ---- intents ----

    /// <summary>Make an order of an approved Submit intent and send it. False when the table is full.</summary>
    public bool Submit(in OrderIntent intent)
    {
        var instrument = _instruments[intent.InstrumentId];
        var order = new Order
        {
            ClientOrderId = intent.TargetClientOrderId != 0 ? intent.TargetClientOrderId : ReserveClientOrderId(intent.BotId),
            BotId = intent.BotId,
            InstrumentId = intent.InstrumentId,
            Venue = instrument.Venue,
            Side = intent.Side,
            Type = intent.Type,
            TimeInForce = intent.TimeInForce,
            Status = OrderStatus.New,
            Tag = intent.Tag,
            Price = intent.Type == OrderType.Market ? 0 : intent.Price,
            Quantity = intent.Quantity,
            CreatedNs = NowNs,
            UpdatedNs = NowNs,
        };
        if (!_table.TryAdd(order, out var slot))
        {
            Counters.OnTableFull();
            return false;
        }
        ref var o = ref _table[slot];
        TrackOpen(in o, +1);
        Counters.OnSubmitted();
        Record(DecisionKind.OrderSubmitted, in o, 0, o.Price, o.Quantity);
        Move(ref o, OrderStatus.Submitted);
        Gateway.Submit(in o, Sequence, this);
        return true;
    }

    /// <summary>Journal a risk rejection of an intent.</summary>
    public void RecordRiskReject(in OrderIntent intent, byte reason)
    {
        var d = new DecisionRecord
        {
            Kind = DecisionKind.RiskRejected, Reason = reason, BotId = intent.BotId, InstrumentId = intent.InstrumentId,
            Side = intent.Side, OrderType = intent.Type, Price = intent.Price, Quantity = intent.Quantity,
            ClientOrderId = intent.TargetClientOrderId, Sequence = Sequence, TimeNs = NowNs,
            Venue = intent.InstrumentId > 0 && intent.InstrumentId <= _instruments.Count ? _instruments[intent.InstrumentId].Venue : default,
        };
        _decisions.Append(in d);
    }

    /// <summary>Ask the gateway to cancel an open order. False when it is unknown or already finished.</summary>
    public bool Cancel(long clientOrderId)
    {
        var slot = _table.Find(clientOrderId);
        if (slot < 0) return false;
        ref var o = ref _table[slot];
        if (!o.IsOpen) return false;
        Counters.OnCancelRequest();
        Record(DecisionKind.CancelRequested, in o, 0, o.Price, o.Remaining);
        Gateway.Cancel(in o, Sequence, this);
        return true;
    }

    /// <summary>Cancel every open order of a bot (0 = all bots) on an instrument (0 = all). Rare path (kill switch,
    /// shutdown): walks the table.</summary>
    public int CancelAll(int botId, int instrumentId)
    {
        var n = 0;
        for (var slot = 0; slot < _table.SlotCount; slot++)
        {
            if (!_table.IsUsed(slot)) continue;
            ref var o = ref _table[slot];
            if (!o.IsOpen || (botId != 0 && o.BotId != botId) || (instrumentId != 0 && o.InstrumentId != instrumentId)) continue;
            if (Cancel(o.ClientOrderId)) n++;
        }
        return n;
    }

    // ---- reports ----

    public void OnReport(in ExecutionReport r)
    {
        var slot = _table.Find(r.ClientOrderId);
        if (slot < 0)
        {
            if (r.Kind == ExecutionReportKind.Accepted && AdoptingUnknownOrders && TryAdopt(in r)) return;
            Ignore(in r, ReportIgnoredReason.UnknownOrder);
            return;
        }
        ref var o = ref _table[slot];
        if (r.VenueOrderId != 0) o.VenueOrderId = r.VenueOrderId;
        switch (r.Kind)
        {
            case ExecutionReportKind.Accepted:
                if (o.Status != OrderStatus.Submitted)
                {
                    Ignore(in r, ReportIgnoredReason.LateAck);
                    return;
                }
                Move(ref o, OrderStatus.Accepted);
                return;
            case ExecutionReportKind.Fill:
                ApplyFill(ref o, slot, in r);
                return;
            case ExecutionReportKind.Cancelled:
                Finish(ref o, slot, OrderStatus.Cancelled, in r);
                return;
            case ExecutionReportKind.Expired:
                Finish(ref o, slot, OrderStatus.Expired, in r);
                return;
            case ExecutionReportKind.Rejected:
                Finish(ref o, slot, OrderStatus.Rejected, in r);
                return;
            default:
                Ignore(in r, ReportIgnoredReason.IllegalTransition);
                return;
        }
    }

    private void ApplyFill(ref Order o, int slot, in ExecutionReport r)
    {
        if (r.Quantity <= 0 || r.Price <= 0 || (r.InstrumentId != 0 && r.InstrumentId != o.InstrumentId))
        {
            Ignore(in r, ReportIgnoredReason.InvalidFill);
            return;
        }
        if (r.TradeId <= o.LastTradeId)
        {
            Ignore(in r, ReportIgnoredReason.DuplicateFill);
            return;
        }
        if (o.FilledQuantity + r.Quantity > o.Quantity)
        {
            Ignore(in r, ReportIgnoredReason.Overfill);
            return;
        }
        var next = o.FilledQuantity + r.Quantity == o.Quantity ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
        if (!OrderStateMachine.CanMove(o.Status, next))
        {
            Ignore(in r, ReportIgnoredReason.IllegalTransition);
            return;
        }
        var instrument = _instruments[o.InstrumentId];
        TrackOpen(in o, -1);
        o.LastTradeId = r.TradeId;
        o.FilledQuantity += r.Quantity;
        o.FilledNotional += Orders.Money.Notional(r.Price, instrument.PriceScale, r.Quantity, instrument.QuantityScale);
        o.Fees += r.Fee;
        _portfolio.ApplyFill(o.BotId, o.InstrumentId, o.Side, r.Price, r.Quantity, r.Fee);
        _pnlDirty[o.BotId] = true;
        Counters.OnFill();
        ref readonly var p = ref _portfolio.Get(o.BotId, o.InstrumentId);
        var d = new DecisionRecord
        {
            Kind = DecisionKind.Fill, BotId = o.BotId, InstrumentId = o.InstrumentId, Venue = o.Venue, Side = o.Side,
            OrderType = o.Type, FromStatus = o.Status, ToStatus = next, ClientOrderId = o.ClientOrderId,
            VenueOrderId = o.VenueOrderId, Price = r.Price, Quantity = r.Quantity, Value1 = r.Fee, Value2 = p.Quantity,
            Value3 = p.RealizedPnl, TradeId = r.TradeId, Reason = r.IsMaker ? (byte)1 : (byte)0, Sequence = Sequence, TimeNs = NowNs,
        };
        _decisions.Append(in d);
        o.Status = next;
        o.UpdatedNs = NowNs;
        Counters.OnStatus(next);
        if (next == OrderStatus.Filled)
        {
            OpenOrders--;
            _table.MarkFinished(slot);
        }
        else
        {
            TrackOpen(in o, +1);
        }
    }

    private void Finish(ref Order o, int slot, OrderStatus to, in ExecutionReport r)
    {
        if (!OrderStateMachine.CanMove(o.Status, to))
        {
            Ignore(in r, ReportIgnoredReason.IllegalTransition);
            return;
        }
        TrackOpen(in o, -1);
        OpenOrders--;
        Move(ref o, to, r.Code);
        _table.MarkFinished(slot);
    }

    private bool TryAdopt(in ExecutionReport r)
    {
        var bot = ClientOrderIds.Bot(r.ClientOrderId);
        if ((uint)r.InstrumentId > (uint)_instruments.Count || r.InstrumentId == 0 || bot > MaxBotId || bot < 0) return false;
        var order = new Order
        {
            ClientOrderId = r.ClientOrderId, VenueOrderId = r.VenueOrderId, BotId = bot, InstrumentId = r.InstrumentId,
            Venue = _instruments[r.InstrumentId].Venue, Side = r.Side, Type = r.OrderType == OrderType.None ? OrderType.Limit : r.OrderType,
            Status = OrderStatus.Accepted, Price = r.Price, Quantity = r.Quantity, FilledQuantity = r.CumulativeQuantity,
            CreatedNs = NowNs, UpdatedNs = NowNs,
        };
        if (order.Remaining <= 0 || !_table.TryAdd(order, out var slot)) return false;
        // Our own id numbering continues past an adopted order so it is never reused.
        if (bot > 0 && ClientOrderIds.Counter(r.ClientOrderId) > _counters[bot]) _counters[bot] = ClientOrderIds.Counter(r.ClientOrderId);
        ref var o = ref _table[slot];
        TrackOpen(in o, +1);
        OpenOrders++;
        Record(DecisionKind.Reconciled, in o, 1, o.Price, o.Quantity);
        return true;
    }

    private void Move(ref Order o, OrderStatus to, int code = 0)
    {
        var d = new DecisionRecord
        {
            Kind = DecisionKind.OrderStatusChanged, BotId = o.BotId, InstrumentId = o.InstrumentId, Venue = o.Venue,
            Side = o.Side, OrderType = o.Type, FromStatus = o.Status, ToStatus = to, ClientOrderId = o.ClientOrderId,
            VenueOrderId = o.VenueOrderId, Price = o.Price, Quantity = o.Quantity, Value1 = o.FilledQuantity, Value2 = code,
            Sequence = Sequence, TimeNs = NowNs,
        };
        _decisions.Append(in d);
        if (o.Status == OrderStatus.New && to == OrderStatus.Submitted) OpenOrders++;
        o.Status = to;
        o.UpdatedNs = NowNs;
        Counters.OnStatus(to);
    }

    private void Ignore(in ExecutionReport r, ReportIgnoredReason reason)
    {
        Counters.OnIgnored(reason);
        var d = new DecisionRecord
        {
            Kind = DecisionKind.ReportIgnored, Reason = (byte)reason, InstrumentId = r.InstrumentId, ClientOrderId = r.ClientOrderId,
            BotId = ClientOrderIds.Bot(r.ClientOrderId), VenueOrderId = r.VenueOrderId, Price = r.Price, Quantity = r.Quantity,
            TradeId = r.TradeId, Value1 = (long)r.Kind, Sequence = Sequence, TimeNs = NowNs,
        };
        _decisions.Append(in d);
    }

    private void Record(DecisionKind kind, in Order o, byte reason, long price, long quantity)
    {
        var d = new DecisionRecord
        {
            Kind = kind, Reason = reason, BotId = o.BotId, InstrumentId = o.InstrumentId, Venue = o.Venue, Side = o.Side,
            OrderType = o.Type, FromStatus = o.Status, ToStatus = o.Status, ClientOrderId = o.ClientOrderId,
            VenueOrderId = o.VenueOrderId, Price = price, Quantity = quantity, Value1 = o.FilledQuantity,
            Sequence = Sequence, TimeNs = NowNs,
        };
        _decisions.Append(in d);
    }

    private void TrackOpen(in Order o, int sign)
    {
        var i = o.BotId * _stride + o.InstrumentId;
        var all = o.BotId * _stride;
        _openCount[i] += sign;
        _openCount[all] += sign;
        var remaining = sign * o.Remaining;
        if (o.Side == Side.Buy)
        {
            _openBuy[i] += remaining;
            _openBuy[all] += remaining;
        }
        else
        {
            _openSell[i] += remaining;
            _openSell[all] += remaining;
        }
    }
}
