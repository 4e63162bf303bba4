using System.Runtime.InteropServices;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Orders;

namespace TBot.Engine.Journal;

/// <summary>
/// One decision of the trading core, journaled next to the event that caused it (<see cref="Sequence"/>).
/// Unmanaged and fixed-size, so it is copied into the journal as raw bytes. Projections (orders, trades,
/// positions tables) are built from these records.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct DecisionRecord
{
    public DecisionKind Kind;
    public Side Side;
    public OrderStatus FromStatus;
    public OrderStatus ToStatus;
    public OrderType OrderType;
    /// <summary>Reason code: a risk reject reason, a kill-switch cause, an ignored-report cause, a control command.</summary>
    public byte Reason;
    public Venue Venue;
    public byte Reserved;
    public int BotId;
    public int InstrumentId;
    /// <summary>Ring sequence of the event being processed when the decision was made.</summary>
    public long Sequence;
    /// <summary>Engine time (ns) of the decision: the receive time of that event.</summary>
    public long TimeNs;
    public long ClientOrderId;
    public long VenueOrderId;
    /// <summary>Order price / fill price mantissa.</summary>
    public long Price;
    /// <summary>Order quantity / fill quantity mantissa.</summary>
    public long Quantity;
    /// <summary>Fill: fee (money); status change: filled quantity so far.</summary>
    public long Value1;
    /// <summary>Fill: position quantity after the fill; kill switch: the PnL (money) that tripped it.</summary>
    public long Value2;
    /// <summary>Fill: realised PnL (money) of the bot on the instrument after the fill; fill: trade id in <see cref="TradeId"/>.</summary>
    public long Value3;
    public long TradeId;
}
