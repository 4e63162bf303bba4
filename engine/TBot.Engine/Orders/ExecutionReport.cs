namespace TBot.Engine.Orders;

/// <summary>One report about one order, from a gateway. Unmanaged; live reports travel the ring as
/// <see cref="Events.MarketEventKind.OrderUpdate"/>/<see cref="Events.MarketEventKind.Fill"/> events
/// (see <see cref="ExecutionReportCodec"/>) so the journal records them and replay sees them in order.</summary>
public struct ExecutionReport
{
    public ExecutionReportKind Kind;
    /// <summary>Fill: the order provided liquidity.</summary>
    public bool IsMaker;
    /// <summary>The order's side (needed when reconciliation adopts an order the engine did not know).</summary>
    public Events.Side Side;
    /// <summary>The order's type (adoption).</summary>
    public OrderType OrderType;
    public int InstrumentId;
    public long ClientOrderId;
    public long VenueOrderId;
    /// <summary>Fill: the venue's trade id (per order strictly increasing; used to drop duplicates).</summary>
    public long TradeId;
    /// <summary>Fill: fill price mantissa. Other kinds: the order's limit price (0 for market).</summary>
    public long Price;
    /// <summary>Fill: fill quantity mantissa. Other kinds: the order's quantity.</summary>
    public long Quantity;
    /// <summary>The venue's cumulative filled quantity after this report, when the venue says (0 = unknown).</summary>
    public long CumulativeQuantity;
    /// <summary>Fill fee in <see cref="Money"/> units (quote currency).</summary>
    public long Fee;
    /// <summary>Reject: the venue's error code (or a gateway code).</summary>
    public int Code;
    /// <summary>Venue time of the report, Unix ns (engine time when the venue gives none).</summary>
    public long TimeNs;

    /// <summary>A rejection of <paramref name="order"/> before or at the venue, carrying the order's own terms.</summary>
    public static ExecutionReport Rejection(in Order order, int code, long timeNs) => new()
    {
        Kind = ExecutionReportKind.Rejected,
        Side = order.Side,
        OrderType = order.Type,
        InstrumentId = order.InstrumentId,
        ClientOrderId = order.ClientOrderId,
        Price = order.Price,
        Quantity = order.Quantity,
        Code = code,
        TimeNs = timeNs,
    };
}
