namespace TBot.Engine.Orders;

/// <summary>
/// The legal moves of <see cref="OrderStatus"/>, as a table. Anything else is an illegal transition: the order
/// manager counts it and leaves the order as it was.
/// </summary>
public static class OrderStateMachine
{
    private const int N = 8;
    private static readonly bool[] Legal = Build();

    public static bool CanMove(OrderStatus from, OrderStatus to) =>
        (uint)from < N && (uint)to < N && Legal[(int)from * N + (int)to];

    public static bool IsTerminal(OrderStatus s) => s is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected or OrderStatus.Expired;

    private static bool[] Build()
    {
        var t = new bool[N * N];
        void Allow(OrderStatus a, params OrderStatus[] bs) { foreach (var b in bs) t[(int)a * N + (int)b] = true; }
        Allow(OrderStatus.New, OrderStatus.Submitted, OrderStatus.Rejected);
        // A venue may answer a submission with fills straight away (a marketable order), or expire an IOC.
        Allow(OrderStatus.Submitted, OrderStatus.Accepted, OrderStatus.PartiallyFilled, OrderStatus.Filled,
            OrderStatus.Cancelled, OrderStatus.Rejected, OrderStatus.Expired);
        Allow(OrderStatus.Accepted, OrderStatus.PartiallyFilled, OrderStatus.Filled, OrderStatus.Cancelled, OrderStatus.Expired);
        Allow(OrderStatus.PartiallyFilled, OrderStatus.PartiallyFilled, OrderStatus.Filled, OrderStatus.Cancelled, OrderStatus.Expired);
        return t;
    }
}
