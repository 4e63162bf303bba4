using TBot.Engine.Events;
using TBot.Engine.Orders;

namespace TBot.Adapters.Execution.Binance;

/// <summary>
/// An order the engine believes is open, as reconciliation and the gateway's <see cref="BinanceLiveGateway.Track"/>
/// take it. <see cref="Filled"/>, <see cref="FilledNotional"/> and <see cref="LastTradeId"/> are the baseline
/// that later fills are measured from; <see cref="VenueClientOrderId"/> is only needed when the venue knows the
/// order under another client id than <see cref="ClientOrderIds.Format"/>'s (an adopted foreign order).
/// </summary>
public readonly record struct LocalOpenOrder(long ClientOrderId, int InstrumentId, Side Side, OrderType Type, long Price, long Quantity, long Filled)
{
    /// <summary>The venue's order id when the engine knows it (0 = never acknowledged).</summary>
    public long VenueOrderId { get; init; }

    /// <summary>Sum of fill notional, <see cref="Money"/> units (0 = unknown when <see cref="Filled"/> &gt; 0).</summary>
    public long FilledNotional { get; init; }

    /// <summary>Highest trade id the engine applied to the order (later fill reports must carry larger ones).</summary>
    public long LastTradeId { get; init; }

    public string? VenueClientOrderId { get; init; }

    public static LocalOpenOrder From(in Order o) => new(o.ClientOrderId, o.InstrumentId, o.Side, o.Type, o.Price, o.Quantity, o.FilledQuantity)
    {
        VenueOrderId = o.VenueOrderId,
        FilledNotional = o.FilledNotional,
        LastTradeId = o.LastTradeId,
    };
}
