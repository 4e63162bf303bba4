namespace TBot.Adapters.Simulator.Orders;

/// <summary>Outcome of a placement: the order, or a Binance error code and message.</summary>
internal readonly record struct OrderPlacement(SimOrder? Order, int ErrorCode, string? ErrorMessage)
{
    public static OrderPlacement Rejected(int code, string message) => new(null, code, message);
}
