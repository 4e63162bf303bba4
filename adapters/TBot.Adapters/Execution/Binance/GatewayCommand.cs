using TBot.Engine.Orders;

namespace TBot.Adapters.Execution.Binance;

internal enum GatewayCommandKind : byte
{
    None = 0,
    Submit = 1,
    Cancel = 2,
}

/// <summary>A Submit or Cancel handed from the trading thread to the gateway's I/O side: a copy of the order and
/// the ring sequence of the event that caused it (the write-ahead gate's key).</summary>
internal struct GatewayCommand
{
    public GatewayCommandKind Kind;
    public long Sequence;
    public Order Order;
}
