using TBot.Engine.Events;
using TBot.Engine.Orders;

namespace TBot.Adapters.Execution.Binance;

/// <summary>
/// An order as a Binance response describes it (new-order RESULT/FULL, query, openOrders element, cancel),
/// with the decimals still unscaled (<see cref="BinanceDecimal"/>). Edge data: built per response.
/// </summary>
public sealed class BinanceOrderState
{
    public string Symbol { get; set; } = "";
    public long OrderId { get; set; }

    /// <summary><c>clientOrderId</c>; in a cancel response that is the cancel's own id (see <see cref="OrigClientOrderId"/>).</summary>
    public string ClientOrderId { get; set; } = "";

    /// <summary><c>origClientOrderId</c> (cancel responses only).</summary>
    public string? OrigClientOrderId { get; set; }

    /// <summary>The order's client id whatever the response kind.</summary>
    public string OrderClientId => OrigClientOrderId ?? ClientOrderId;

    public BinanceDecimal Price { get; set; }
    public BinanceDecimal OrigQty { get; set; }
    public BinanceDecimal ExecutedQty { get; set; }

    /// <summary><c>cummulativeQuoteQty</c> (sic): the quote amount traded so far.</summary>
    public BinanceDecimal CumulativeQuoteQty { get; set; }

    public bool HasStatus { get; set; }
    public BinanceOrderStatus Status { get; set; }
    public Side Side { get; set; }
    public OrderType Type { get; set; }

    /// <summary>LIMIT_MAKER (a post-only limit order).</summary>
    public bool IsMakerOnly { get; set; }

    /// <summary><c>transactTime</c> (new order, cancel), else 0.</summary>
    public long TransactTimeMs { get; set; }

    /// <summary><c>updateTime</c> (query, openOrders), else 0.</summary>
    public long UpdateTimeMs { get; set; }

    public List<BinanceFill> Fills { get; } = [];

    /// <summary>The venue's time of this state, Unix ns (0 when the response has none).</summary>
    public long TimeNs => (UpdateTimeMs > 0 ? UpdateTimeMs : TransactTimeMs) * 1_000_000;
}
