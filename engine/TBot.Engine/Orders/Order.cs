using TBot.Engine.Events;
using TBot.Engine.Instruments;

namespace TBot.Engine.Orders;

/// <summary>
/// The seed's <c>Order</c> (order_id, bot_id, symbol, side, type, quantity, price?, status, timestamp) as a
/// struct of ids and fixed-point fields; converted to text/decimal only at the storage edge.
/// </summary>
public struct Order
{
    public long ClientOrderId;
    /// <summary>The venue's order id once known (0 before).</summary>
    public long VenueOrderId;
    public int BotId;
    public int InstrumentId;
    public Venue Venue;
    public Side Side;
    public OrderType Type;
    public TimeInForce TimeInForce;
    public OrderStatus Status;
    public int Tag;
    /// <summary>Limit price mantissa (0 for market).</summary>
    public long Price;
    public long Quantity;
    public long FilledQuantity;
    /// <summary>Sum of fill notional in <see cref="Money"/> units (average fill price = notional / filled).</summary>
    public long FilledNotional;
    /// <summary>Fees paid, <see cref="Money"/> units.</summary>
    public long Fees;
    /// <summary>Highest venue trade id applied to this order: a report with a lower or equal id is a duplicate.</summary>
    public long LastTradeId;
    /// <summary>Engine time (ns) of creation and of the last change.</summary>
    public long CreatedNs;
    public long UpdatedNs;

    public readonly long Remaining => Quantity - FilledQuantity;

    /// <summary>Live at (or on its way to) the venue.</summary>
    public readonly bool IsOpen => Status is OrderStatus.New or OrderStatus.Submitted or OrderStatus.Accepted or OrderStatus.PartiallyFilled;
}
