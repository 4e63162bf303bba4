using TBot.Engine.Events;
using TBot.Engine.Journal;
using TBot.Engine.Orders;
using TBot.Host.Dashboard;

namespace TBot.Host.Analytics;

/// <summary>
/// Follows orders from their submit decision to their final status: fill ratios, slippage against the mid at the
/// submit decision, and order latencies. Only open orders are kept (dropped at Filled/Cancelled/Rejected/Expired);
/// everything else is counters and fixed-size histograms per bot / instrument / order type.
/// </summary>
internal sealed class OrderAnalytics(DashboardInstrument?[] instruments)
{
    private readonly Dictionary<long, TrackedOrder> _open = new();

    public Dictionary<(int Bot, int Instrument, OrderType Type), FillCounts> Counts { get; } = new();

    public Dictionary<(int Bot, int Instrument), SlippageStats> Slippage { get; } = new();

    public Dictionary<int, OrderLatencies> Latencies { get; } = new();

    /// <summary>Fills of orders this journal never saw submitted (adopted at reconciliation, or older than the journal).</summary>
    public long UntrackedFills { get; private set; }

    public int OpenOrders => _open.Count;

    /// <summary>The orders being followed, by client order id (a <see cref="WindowSeed"/> copies them).</summary>
    public IEnumerable<KeyValuePair<long, TrackedOrder>> Open => _open;

    /// <summary>Orders open before the window (a <see cref="WindowSeed"/>'s); before any record is applied.</summary>
    public void Restore(IEnumerable<KeyValuePair<long, TrackedOrder>> orders)
    {
        foreach (var (id, order) in orders) _open.Add(id, order);
    }

    public void Submitted(in DecisionRecord d, bool inWindow)
    {
        long midSum = 0;
        if ((uint)d.InstrumentId < (uint)instruments.Length && instruments[d.InstrumentId] is { } instrument)
        {
            var (bid, _, ask, _) = instrument.Top();
            if (bid > 0 && ask > 0) midSum = bid + ask;
            // Trades-only or klines-only data (a backtest journal) never has a quote or book: the backtest quoted one
            // tick around the last print or close, so that price is the mid the decision saw.
            else if (instrument.QuotePosition == 0 && instrument.BookPosition == 0 && instrument.Last > 0) midSum = 2 * instrument.Last;
        }
        _open[d.ClientOrderId] = new TrackedOrder
        {
            BotId = d.BotId, InstrumentId = d.InstrumentId, Side = d.Side, Type = d.OrderType, Quantity = d.Quantity,
            SubmitNs = d.TimeNs, MidSum = midSum, Counted = inWindow,
        };
        if (!inWindow) return;
        var counts = CountsOf(d.BotId, d.InstrumentId, d.OrderType);
        counts.Submitted++;
        counts.SubmittedQuantity += d.Quantity;
        if (midSum == 0) SlippageOf(d.BotId, d.InstrumentId).NoMidOrders++;
    }

    public void CancelRequested(in DecisionRecord d)
    {
        if (_open.TryGetValue(d.ClientOrderId, out var o) && o.CancelRequestNs == 0) o.CancelRequestNs = d.TimeNs;
    }

    public void StatusChanged(in DecisionRecord d, bool inWindow)
    {
        if (!_open.TryGetValue(d.ClientOrderId, out var o)) return;
        if (d.ToStatus == OrderStatus.Accepted && !o.Accepted)
        {
            o.Accepted = true;
            if (inWindow) LatenciesOf(o.BotId).SubmitToAccepted.Record(d.TimeNs - o.SubmitNs);
        }
        if (IsFinal(d.ToStatus)) Finish(d.ClientOrderId, o, d.ToStatus, d.TimeNs, inWindow);
    }

    public void Fill(in DecisionRecord d, bool inWindow)
    {
        if (!_open.TryGetValue(d.ClientOrderId, out var o))
        {
            if (inWindow) UntrackedFills++;
            return;
        }
        if (!o.AnyFill)
        {
            o.AnyFill = true;
            if (inWindow) LatenciesOf(o.BotId).SubmitToFirstFill.Record(d.TimeNs - o.SubmitNs);
            if (o.Counted) CountsOf(o.BotId, o.InstrumentId, o.Type).WithFill++;
        }
        o.Filled += d.Quantity;
        if (o.Counted) CountsOf(o.BotId, o.InstrumentId, o.Type).FilledQuantity += d.Quantity;
        if (inWindow) RecordSlippage(o, in d);
        if (d.ToStatus == OrderStatus.Filled) Finish(d.ClientOrderId, o, OrderStatus.Filled, d.TimeNs, inWindow);
    }

    /// <summary>
    /// Signed slippage, adverse positive: buy (fill − mid), sell (mid − fill). Kept in half price units (2 × fill −
    /// (bid + ask)) so an odd bid + ask loses nothing; money = half units × 5 at one more price decimal × quantity.
    /// </summary>
    private void RecordSlippage(TrackedOrder o, in DecisionRecord d)
    {
        var stats = SlippageOf(o.BotId, o.InstrumentId);
        if (o.MidSum == 0)
        {
            stats.NoMidFills++;
            return;
        }
        var instrument = instruments[o.InstrumentId]!.Instrument;
        var half = (o.Side == Side.Buy ? 1 : -1) * (2 * d.Price - o.MidSum);
        var bps = half * 10_000.0 / o.MidSum;
        var notional = Money.Notional(d.Price, instrument.PriceScale, d.Quantity, instrument.QuantityScale);
        stats.Fills++;
        stats.SumHalf += half;
        stats.SumBps += bps;
        stats.SumBpsNotional += bps * notional;
        stats.Notional += notional;
        stats.Money += Money.Notional(5 * half, instrument.PriceScale + 1, d.Quantity, instrument.QuantityScale);
        stats.Bps.Record((long)Math.Round(bps * 100, MidpointRounding.AwayFromZero));
    }

    private void Finish(long clientOrderId, TrackedOrder o, OrderStatus to, long timeNs, bool inWindow)
    {
        _open.Remove(clientOrderId);
        if (to == OrderStatus.Cancelled && inWindow && o.CancelRequestNs != 0)
            LatenciesOf(o.BotId).CancelToCancelled.Record(timeNs - o.CancelRequestNs);
        if (!o.Counted) return;
        var counts = CountsOf(o.BotId, o.InstrumentId, o.Type);
        switch (to)
        {
            case OrderStatus.Filled: counts.FullyFilled++; break;
            case OrderStatus.Cancelled: counts.Cancelled++; break;
            case OrderStatus.Rejected: counts.Rejected++; break;
            case OrderStatus.Expired: counts.Expired++; break;
        }
    }

    private static bool IsFinal(OrderStatus s) => s is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected or OrderStatus.Expired;

    private FillCounts CountsOf(int bot, int instrument, OrderType type)
    {
        if (!Counts.TryGetValue((bot, instrument, type), out var c)) Counts.Add((bot, instrument, type), c = new FillCounts());
        return c;
    }

    private SlippageStats SlippageOf(int bot, int instrument)
    {
        if (!Slippage.TryGetValue((bot, instrument), out var s)) Slippage.Add((bot, instrument), s = new SlippageStats());
        return s;
    }

    private OrderLatencies LatenciesOf(int bot)
    {
        if (!Latencies.TryGetValue(bot, out var l)) Latencies.Add(bot, l = new OrderLatencies());
        return l;
    }
}
