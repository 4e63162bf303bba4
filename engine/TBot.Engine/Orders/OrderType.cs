namespace TBot.Engine.Orders;

/// <summary>The seed's order types. Values are stable: they are written into journals.</summary>
public enum OrderType : byte
{
    None = 0,
    Market = 1,
    Limit = 2,
}
