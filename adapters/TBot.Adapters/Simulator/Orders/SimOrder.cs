using TBot.Adapters.Simulator.Market;
using TBot.Engine.Events;

namespace TBot.Adapters.Simulator.Orders;

/// <summary>
/// An order placed on the simulator's order endpoint. Taker parts trade against the public book (and show up
/// in the public streams); a resting remainder is a shadow order, not shown in the book, that fills completely
/// at its limit once the random walk brings the opposite best price through it. Mutated under the store lock.
/// </summary>
public sealed class SimOrder
{
    internal SimOrder(long orderId, string clientOrderId, InstrumentMarket market, Side side, SimOrderType type, SimTimeInForce timeInForce,
        long price, long quantity, long quoteQuantity, long timeMs)
    {
        OrderId = orderId;
        ClientOrderId = clientOrderId;
        Market = market;
        Side = side;
        Type = type;
        TimeInForce = timeInForce;
        Price = price;
        OrigQuantity = quantity;
        OrigQuoteQuantity = quoteQuantity;
        TimeMs = timeMs;
        UpdateTimeMs = timeMs;
    }

    public long OrderId { get; }
    public string ClientOrderId { get; }
    public InstrumentMarket Market { get; }
    public string Symbol => Market.Spec.Symbol;
    public Side Side { get; }
    public SimOrderType Type { get; }
    public SimTimeInForce TimeInForce { get; }

    /// <summary>Limit price (0 for market orders).</summary>
    public long Price { get; }

    /// <summary>Ordered base quantity (for quote-sized market orders: what was bought/sold).</summary>
    public long OrigQuantity { get; internal set; }

    /// <summary>quoteOrderQty (price-scale mantissa), 0 when not used.</summary>
    public long OrigQuoteQuantity { get; }

    public long ExecutedQuantity { get; internal set; }

    /// <summary>Decimals of <see cref="CumulativeQuote"/> (Binance states quote amounts with 8).</summary>
    public const int QuoteScale = 8;

    /// <summary>Sum of price×quantity of the fills, at <see cref="QuoteScale"/> decimals (exact when the instrument's
    /// price and quantity scales add up to at most 8, as on Binance).</summary>
    public long CumulativeQuote { get; internal set; }

    public SimOrderStatus Status { get; internal set; }
    public long TimeMs { get; }
    public long UpdateTimeMs { get; internal set; }
    public List<OrderFill> Fills { get; } = [];

    public bool IsOpen => Status is SimOrderStatus.New or SimOrderStatus.PartiallyFilled;

    public long RemainingQuantity => OrigQuantity - ExecutedQuantity;

    internal void AddFill(long price, long quantity, long tradeId)
    {
        Fills.Add(new OrderFill(price, quantity, tradeId));
        ExecutedQuantity += quantity;
        var productScale = Market.Spec.PriceScale + Market.Spec.QuantityScale;
        var product = (Int128)price * quantity;
        CumulativeQuote += (long)(productScale <= QuoteScale
            ? product * Engine.Numerics.FixedPoint.Pow10(QuoteScale - productScale)
            : product / Engine.Numerics.FixedPoint.Pow10(productScale - QuoteScale));
    }
}
