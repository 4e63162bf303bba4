using TBot.Engine.Orders;

namespace TBot.Engine.Strategy;

/// <summary>
/// One order a strategy keeps track of (a quote side, an IOC leg): its id while it may still be open, and whether a
/// cancel was asked for. A strategy never places a new order in a slot until the old one is no longer open, so its
/// orders never stack.
/// </summary>
internal struct OrderSlot
{
    /// <summary>A cancel that has not taken effect after this long is sent again (lost cancel, venue hiccup).</summary>
    public const long CancelRetryNs = 1_000_000_000;

    public long ClientOrderId;
    public long Price;
    public long PlacedNs;
    /// <summary>Engine time the last cancel was sent, 0 when none.</summary>
    public long CancelSentNs;

    public readonly bool IsLive => ClientOrderId != 0;

    public void Placed(long clientOrderId, long price, long nowNs)
    {
        ClientOrderId = clientOrderId;
        Price = price;
        PlacedNs = nowNs;
        CancelSentNs = 0;
    }

    /// <summary>Frees the slot once the order is no longer open. Returns true when the order ended without ever
    /// trading because risk or the venue refused it (unknown to the order view, or rejected), so the caller can back off.</summary>
    public bool Sync(IOrderView orders)
    {
        if (ClientOrderId == 0) return false;
        if (!orders.TryGetOrder(ClientOrderId, out var order))
        {
            // Checked on a later event than the submit: an order the order manager does not know was refused by risk.
            Clear();
            return true;
        }
        if (order.IsOpen) return false;
        Clear();
        return order.Status == OrderStatus.Rejected;
    }

    /// <summary>Ask for the order to be cancelled, once (again after <see cref="CancelRetryNs"/>).</summary>
    public void RequestCancel(StrategyContext context, int instrumentId, long nowNs)
    {
        if (ClientOrderId == 0) return;
        if (CancelSentNs != 0 && nowNs - CancelSentNs < CancelRetryNs) return;
        context.Cancel(ClientOrderId, instrumentId);
        // 0 means "none", so an engine time of exactly 0 is stored as 1.
        CancelSentNs = nowNs == 0 ? 1 : nowNs;
    }

    public void Clear() => this = default;
}
