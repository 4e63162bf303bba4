using TBot.Engine.Events;
using TBot.Engine.Orders;

namespace TBot.Host.Analytics;

/// <summary>What analytics keeps of one open order, dropped when the order reaches a final status.</summary>
internal sealed class TrackedOrder
{
    public int BotId, InstrumentId;
    public Side Side;
    public OrderType Type;
    public long Quantity, Filled;
    public long SubmitNs, CancelRequestNs;
    /// <summary>Bid + ask at the submit decision (twice the mid, so the mid stays exact), 0 without a two-sided quote.</summary>
    public long MidSum;
    /// <summary>Submitted inside the window: its outcome counts in the fill ratios.</summary>
    public bool Counted;
    public bool Accepted, AnyFill;
}
