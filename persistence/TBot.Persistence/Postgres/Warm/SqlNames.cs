using TBot.Engine.Events;
using TBot.Engine.Orders;

namespace TBot.Persistence.Postgres.Warm;

/// <summary>The text the schema's CHECK constraints accept for the engine's enums.</summary>
public static class SqlNames
{
    public static string Side(Side side) => side switch
    {
        Engine.Events.Side.Buy => "BUY",
        Engine.Events.Side.Sell => "SELL",
        _ => throw new InvalidDataException($"Side {side} has no SQL name."),
    };

    public static string OrderType(OrderType type) => type switch
    {
        Engine.Orders.OrderType.Market => "MARKET",
        Engine.Orders.OrderType.Limit => "LIMIT",
        _ => throw new InvalidDataException($"Order type {type} has no SQL name."),
    };

    public static string Status(OrderStatus status) => status switch
    {
        OrderStatus.New => "NEW",
        OrderStatus.Submitted => "SUBMITTED",
        OrderStatus.Accepted => "ACCEPTED",
        OrderStatus.PartiallyFilled => "PARTIALLY_FILLED",
        OrderStatus.Filled => "FILLED",
        OrderStatus.Cancelled => "CANCELLED",
        OrderStatus.Rejected => "REJECTED",
        OrderStatus.Expired => "EXPIRED",
        _ => throw new InvalidDataException($"Order status {status} has no SQL name."),
    };
}
