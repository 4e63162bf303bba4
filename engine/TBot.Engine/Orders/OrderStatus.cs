namespace TBot.Engine.Orders;

/// <summary>
/// Order life cycle: New → Submitted → Accepted → PartiallyFilled → Filled / Cancelled / Rejected / Expired.
/// See <see cref="OrderStateMachine"/> for the legal moves. Values are stable: they are written into journals.
/// </summary>
public enum OrderStatus : byte
{
    New = 0,
    Submitted = 1,
    Accepted = 2,
    PartiallyFilled = 3,
    Filled = 4,
    Cancelled = 5,
    Rejected = 6,
    Expired = 7,
}
