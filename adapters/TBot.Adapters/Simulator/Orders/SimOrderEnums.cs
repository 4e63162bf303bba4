namespace TBot.Adapters.Simulator.Orders;

/// <summary>Order status as Binance names it.</summary>
public enum SimOrderStatus : byte
{
    New,
    PartiallyFilled,
    Filled,
    Canceled,
    Rejected,
    Expired,
}

public enum SimOrderType : byte
{
    Limit,
    Market,
    LimitMaker,
}

public enum SimTimeInForce : byte
{
    Gtc,
    Ioc,
    Fok,
}

/// <summary>Binance newOrderRespType.</summary>
public enum SimResponseType : byte
{
    Ack,
    Result,
    Full,
}

internal static class SimOrderNames
{
    public static string Status(SimOrderStatus s) => s switch
    {
        SimOrderStatus.New => "NEW",
        SimOrderStatus.PartiallyFilled => "PARTIALLY_FILLED",
        SimOrderStatus.Filled => "FILLED",
        SimOrderStatus.Canceled => "CANCELED",
        SimOrderStatus.Rejected => "REJECTED",
        _ => "EXPIRED",
    };

    public static string Type(SimOrderType t) => t switch
    {
        SimOrderType.Limit => "LIMIT",
        SimOrderType.Market => "MARKET",
        _ => "LIMIT_MAKER",
    };

    public static string TimeInForce(SimTimeInForce t) => t switch
    {
        SimTimeInForce.Gtc => "GTC",
        SimTimeInForce.Ioc => "IOC",
        _ => "FOK",
    };
}
