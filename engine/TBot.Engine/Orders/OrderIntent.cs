using TBot.Engine.Events;

namespace TBot.Engine.Orders;

/// <summary>
/// An order wish from a strategy, before risk. Plain data written into a preallocated buffer; the order
/// manager gives accepted submissions their client order id.
/// </summary>
public struct OrderIntent
{
    public IntentAction Action;
    public Side Side;
    public OrderType Type;
    public TimeInForce TimeInForce;
    public int BotId;
    public int InstrumentId;
    /// <summary>Limit price mantissa at the instrument's price scale (0 for market orders).</summary>
    public long Price;
    /// <summary>Quantity mantissa at the instrument's quantity scale.</summary>
    public long Quantity;
    /// <summary>Cancel: the order to cancel. Submit: the client order id reserved for the new order.</summary>
    public long TargetClientOrderId;
    /// <summary>Free for the strategy (e.g. which quote level); kept on the order.</summary>
    public int Tag;
}
