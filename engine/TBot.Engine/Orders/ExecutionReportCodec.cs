using TBot.Engine.Events;
using TBot.Engine.Instruments;

namespace TBot.Engine.Orders;

/// <summary>
/// How an <see cref="ExecutionReport"/> rides in a <see cref="MarketEvent"/> slot: fills as
/// <see cref="MarketEventKind.Fill"/>, everything else as <see cref="MarketEventKind.OrderUpdate"/>.
/// Field mapping (stable, journaled): UpdateId = client order id, FirstUpdateId = venue order id,
/// TradeId, Price, Quantity, Side, Volume = fee, Checksum = code, Open = report kind, High = cumulative quantity,
/// Low = order type, ExchangeTimeNs = report time,
/// <see cref="EventFlags.Maker"/> = maker fill.
/// </summary>
public static class ExecutionReportCodec
{
    public static void Write(in ExecutionReport r, Venue venue, long receiveTimeNs, ref MarketEvent e, EventFlags extraFlags = EventFlags.None)
    {
        e = default;
        e.Kind = r.Kind == ExecutionReportKind.Fill ? MarketEventKind.Fill : MarketEventKind.OrderUpdate;
        e.Venue = venue;
        e.InstrumentId = r.InstrumentId;
        e.UpdateId = r.ClientOrderId;
        e.FirstUpdateId = r.VenueOrderId;
        e.TradeId = r.TradeId;
        e.Price = r.Price;
        e.Quantity = r.Quantity;
        e.Volume = r.Fee;
        e.Checksum = r.Code;
        e.Open = (long)r.Kind;
        e.High = r.CumulativeQuantity;
        e.Low = (long)r.OrderType;
        e.Side = r.Side;
        e.ExchangeTimeNs = r.TimeNs;
        e.ReceiveTimeNs = receiveTimeNs;
        e.Flags = extraFlags | (r.IsMaker ? EventFlags.Maker : EventFlags.None);
    }

    /// <summary>False when the event is not an order report.</summary>
    public static bool TryRead(in MarketEvent e, out ExecutionReport r)
    {
        r = default;
        if (e.Kind is not (MarketEventKind.Fill or MarketEventKind.OrderUpdate)) return false;
        r.Kind = (ExecutionReportKind)e.Open;
        r.CumulativeQuantity = e.High;
        r.OrderType = (OrderType)e.Low;
        r.Side = e.Side;
        r.InstrumentId = e.InstrumentId;
        r.ClientOrderId = e.UpdateId;
        r.VenueOrderId = e.FirstUpdateId;
        r.TradeId = e.TradeId;
        r.Price = e.Price;
        r.Quantity = e.Quantity;
        r.Fee = e.Volume;
        r.Code = e.Checksum;
        r.TimeNs = e.ExchangeTimeNs;
        r.IsMaker = e.Has(EventFlags.Maker);
        return r.Kind != ExecutionReportKind.None;
    }
}
