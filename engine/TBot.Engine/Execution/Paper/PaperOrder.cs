using TBot.Engine.Events;
using TBot.Engine.Orders;

namespace TBot.Engine.Execution.Paper;

/// <summary>An order as the simulated venue holds it: what it needs to match and report, nothing more.</summary>
public struct PaperOrder
{
    public long ClientOrderId;
    /// <summary>Given on arrival from the gateway's counter (0 before, and for rejected orders).</summary>
    public long VenueOrderId;
    public int InstrumentId;
    public Side Side;
    public OrderType Type;
    public TimeInForce TimeInForce;
    /// <summary>Limit price mantissa (0 for market).</summary>
    public long Price;
    public long Quantity;
    public long Filled;
    /// <summary>The gateway event count when the order came to rest: it does not match again on that same event.</summary>
    public long RestedOnEvent;
    /// <summary>Queue model: displayed size ahead of the order at its price (long.MaxValue = not visible yet).</summary>
    public long QueueAhead;
    /// <summary>Queue model scratch: what the current trade print left for this order after the queue ahead.</summary>
    public long QueueFillable;
    /// <summary>Gateway time when the order was submitted (bar model: decided at a bar's open or mid-bar).</summary>
    public long SubmittedNs;
    /// <summary>Bar model: bars the order has seen since it arrived.</summary>
    public int BarsSeen;

    public readonly long Remaining => Quantity - Filled;
}
