using TBot.Adapters.RateLimiting;
using TBot.Engine.Orders;

namespace TBot.Adapters.Execution.Binance;

/// <summary>
/// Turns what Binance says about a tracked order into the execution reports the engine has not seen yet, in
/// the order the engine's state machine expects: Accepted (first time the order is seen working), then fills,
/// then the end (Cancelled / Expired / Rejected; Filled is implied by the fills). The caller holds the order's gate.
/// </summary>
internal sealed class OrderStateReporter(IReportPublisher publisher, BinanceQuoteAssets quoteAssets, TimeProvider time, BinanceGatewayStats? stats)
{
    private int _published;

    /// <summary>Reports published through this reporter.</summary>
    public int Published => Volatile.Read(ref _published);

    /// <summary>A new-order answer (FULL): Accepted if it rests, its fills with their trade ids and commissions, its end.</summary>
    public void OnNewOrderAnswer(TrackedOrder o, BinanceOrderState s)
    {
        var timeNs = TimeOf(s);
        if (s.OrderId != 0) o.VenueOrderId = s.OrderId;
        if (BinanceOrderStatuses.IsOpen(s.Status)) Accepted(o, timeNs);
        var ps = o.Instrument.PriceScale;
        var qs = o.Instrument.QuantityScale;
        var quote = quoteAssets.Of(o.Instrument.Symbol);
        foreach (var f in s.Fills)
        {
            var price = f.Price.ToScaleRounded(ps);
            var qty = f.Quantity.ToScaleRounded(qs);
            if (price <= 0 || qty <= 0) continue;
            long fee = 0;
            if (f.Commission.Mantissa != 0)
            {
                if (quote is not null && string.Equals(f.CommissionAsset, quote, StringComparison.Ordinal)) fee = FillMath.ToMoney(f.Commission);
                else stats?.AddFeeInOtherAsset();
            }
            o.Executed += qty;
            o.QuoteMoney += Money.Notional(price, ps, qty, qs);
            if (f.TradeId > o.LastTradeId) o.LastTradeId = f.TradeId;
            var r = o.Report(ExecutionReportKind.Fill, timeNs);
            r.TradeId = f.TradeId;
            r.Price = price;
            r.Quantity = qty;
            r.Fee = fee;
            Publish(in r);
        }
        CatchUpExecuted(o, s, timeNs, isMaker: false);
        Finish(o, s, timeNs);
    }

    /// <summary>A snapshot (query, openOrders element, cancel answer): whatever changed since the last one.</summary>
    public void OnSnapshot(TrackedOrder o, BinanceOrderState s)
    {
        var timeNs = TimeOf(s);
        if (s.OrderId != 0) o.VenueOrderId = s.OrderId;
        // Fills found on an order already known to be resting were made against it: maker.
        var wasResting = o.Acknowledged;
        if (BinanceOrderStatuses.IsOpen(s.Status)) Accepted(o, timeNs);
        CatchUpExecuted(o, s, timeNs, isMaker: wasResting);
        Finish(o, s, timeNs);
    }

    public void Accepted(TrackedOrder o, long timeNs)
    {
        if (o.Acknowledged) return;
        o.Acknowledged = true;
        var r = o.Report(ExecutionReportKind.Accepted, timeNs);
        Publish(in r);
    }

    /// <summary>End the order with <paramref name="kind"/> (Rejected, Cancelled, Expired) and <paramref name="code"/>.</summary>
    public void End(TrackedOrder o, ExecutionReportKind kind, int code, long timeNs = 0)
    {
        if (o.State == TrackedOrderState.Done) return;
        o.State = TrackedOrderState.Done;
        var r = o.Report(kind, timeNs > 0 ? timeNs : Clock.UnixNs(time));
        r.Code = code;
        Publish(in r);
    }

    /// <summary>Reject an order that never left (nothing to track: e.g. its instrument is not a Binance one).</summary>
    public void RejectUnsent(in Order order, int code)
    {
        var r = ExecutionReport.Rejection(in order, code, Clock.UnixNs(time));
        Publish(in r);
    }

    /// <summary>One fill for a rise of executedQty the reports have not covered, at the average price of the rise.</summary>
    private void CatchUpExecuted(TrackedOrder o, BinanceOrderState s, long timeNs, bool isMaker)
    {
        var ps = o.Instrument.PriceScale;
        var qs = o.Instrument.QuantityScale;
        var executed = s.ExecutedQty.ToScaleRounded(qs);
        var quoteMoney = FillMath.ToMoney(s.CumulativeQuoteQty);
        if (executed > o.Executed)
        {
            var qty = executed - o.Executed;
            var price = o.QuoteKnown
                ? FillMath.AveragePrice(quoteMoney - o.QuoteMoney, qty, ps, qs)
                : FillMath.AveragePrice(quoteMoney, executed, ps, qs);
            if (price <= 0) price = o.Price > 0 ? o.Price : FillMath.AveragePrice(quoteMoney, executed, ps, qs);
            var tradeId = o.DerivedTradeId(executed);
            o.Executed = executed;
            o.LastTradeId = tradeId;
            var r = o.Report(ExecutionReportKind.Fill, timeNs);
            r.TradeId = tradeId;
            r.Price = price;
            r.Quantity = qty;
            r.IsMaker = isMaker;
            Publish(in r);
        }
        // From here on, measure fills from the venue's own totals.
        if (executed == o.Executed && quoteMoney > 0)
        {
            o.QuoteMoney = quoteMoney;
            o.QuoteKnown = true;
        }
    }

    private void Finish(TrackedOrder o, BinanceOrderState s, long timeNs)
    {
        switch (s.Status)
        {
            case BinanceOrderStatus.Filled:
                o.State = TrackedOrderState.Done;
                return;
            case BinanceOrderStatus.Canceled:
                End(o, ExecutionReportKind.Cancelled, 0, timeNs);
                return;
            case BinanceOrderStatus.Expired or BinanceOrderStatus.ExpiredInMatch:
                End(o, ExecutionReportKind.Expired, 0, timeNs);
                return;
            case BinanceOrderStatus.Rejected:
                End(o, ExecutionReportKind.Rejected, 0, timeNs);
                return;
            default:
                if (o.State is TrackedOrderState.Sending or TrackedOrderState.Unknown) o.State = TrackedOrderState.Open;
                return;
        }
    }

    private long TimeOf(BinanceOrderState s) => s.TimeNs > 0 ? s.TimeNs : Clock.UnixNs(time);

    private void Publish(in ExecutionReport r)
    {
        publisher.Publish(in r);
        Interlocked.Increment(ref _published);
        if (stats is null) return;
        switch (r.Kind)
        {
            case ExecutionReportKind.Fill:
                stats.AddFill();
                break;
            case ExecutionReportKind.Cancelled:
                stats.AddCancelled();
                break;
            case ExecutionReportKind.Rejected:
                stats.AddRejected();
                break;
        }
    }
}
