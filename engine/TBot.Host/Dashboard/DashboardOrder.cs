using TBot.Engine.Events;
using TBot.Engine.Orders;

namespace TBot.Host.Dashboard;

/// <summary>An open order as the journal's decisions describe it (submitted, status changes, fills, reconciled).</summary>
internal sealed class DashboardOrder
{
    public long ClientOrderId, VenueOrderId;
    public int BotId, InstrumentId;
    public Side Side;
    public OrderType Type;
    public OrderStatus Status;
    public long Price, Quantity, Filled;
    public long CreatedNs, UpdatedNs;
}
