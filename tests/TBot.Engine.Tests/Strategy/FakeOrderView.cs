using TBot.Engine.Events;
using TBot.Engine.Orders;

namespace TBot.Engine.Tests.Strategy;

/// <summary>
/// Test double of the order manager's view: reserves ids like the real one (bot id + counter), keeps orders in a
/// preallocated ring indexed by the counter (so it never allocates), and lets a test set positions and order states,
/// or apply a strategy's intents the way an idealised order manager/venue would (<see cref="Apply"/>).
/// </summary>
internal sealed class FakeOrderView : IOrderView
{
    private const int Capacity = 1 << 12;
    private readonly Order[] _orders = new Order[Capacity];
    private readonly long[] _positions = new long[64];
    private long _counter;

    /// <summary>Ids handed out so far.</summary>
    public long ReservedCount => _counter;

    /// <summary>The last id handed out (0 before any).</summary>
    public long LastReserved { get; private set; }

    /// <summary><see cref="Apply"/>: fill IOC and market orders completely at once (else they stay open).</summary>
    public bool FillImmediateOrders { get; set; }

    public long Submits { get; private set; }

    public long Cancels { get; private set; }

    public long Position(int botId, int instrumentId) => _positions[instrumentId];

    public int OpenOrderCount(int botId, int instrumentId)
    {
        var n = 0;
        foreach (ref readonly var o in _orders.AsSpan())
        {
            if (o.ClientOrderId != 0 && o.IsOpen && (instrumentId == 0 || o.InstrumentId == instrumentId)) n++;
        }
        return n;
    }

    public long OpenQuantity(int botId, int instrumentId, Side side)
    {
        long q = 0;
        foreach (ref readonly var o in _orders.AsSpan())
        {
            if (o.ClientOrderId != 0 && o.IsOpen && o.InstrumentId == instrumentId && o.Side == side) q += o.Remaining;
        }
        return q;
    }

    public bool TryGetOrder(long clientOrderId, out Order order)
    {
        ref readonly var o = ref _orders[Slot(clientOrderId)];
        if (clientOrderId != 0 && o.ClientOrderId == clientOrderId)
        {
            order = o;
            return true;
        }
        order = default;
        return false;
    }

    public long ReserveClientOrderId(int botId)
    {
        LastReserved = ClientOrderIds.Make(botId, ++_counter);
        return LastReserved;
    }

    public void SetPosition(int instrumentId, long quantity) => _positions[instrumentId] = quantity;

    /// <summary>Track an order as the order manager would after risk accepted it.</summary>
    public void Add(in OrderIntent intent, OrderStatus status = OrderStatus.Accepted)
    {
        _orders[Slot(intent.TargetClientOrderId)] = new Order
        {
            ClientOrderId = intent.TargetClientOrderId, BotId = intent.BotId, InstrumentId = intent.InstrumentId, Side = intent.Side,
            Type = intent.Type, TimeInForce = intent.TimeInForce, Price = intent.Price, Quantity = intent.Quantity, Tag = intent.Tag,
            Status = status,
        };
    }

    public void SetStatus(long clientOrderId, OrderStatus status) => _orders[Slot(clientOrderId)].Status = status;

    public OrderStatus StatusOf(long clientOrderId) => _orders[Slot(clientOrderId)].Status;

    /// <summary>Fill the order completely and move the position.</summary>
    public void Fill(long clientOrderId)
    {
        ref var o = ref _orders[Slot(clientOrderId)];
        var remaining = o.Remaining;
        o.FilledQuantity = o.Quantity;
        o.Status = OrderStatus.Filled;
        _positions[o.InstrumentId] += o.Side == Side.Buy ? remaining : -remaining;
    }

    /// <summary>Forget an order (as if risk had refused it: the order manager never tracked it).</summary>
    public void Forget(long clientOrderId) => _orders[Slot(clientOrderId)] = default;

    /// <summary>Apply intents as an ideal order manager and venue: submissions become open orders (or fill at once when
    /// <see cref="FillImmediateOrders"/>), cancels close open orders.</summary>
    public void Apply(IntentBuffer intents)
    {
        for (var i = 0; i < intents.Count; i++)
        {
            ref var intent = ref intents[i];
            switch (intent.Action)
            {
                case IntentAction.Submit:
                    Submits++;
                    Add(intent);
                    if (FillImmediateOrders && (intent.TimeInForce == TimeInForce.Ioc || intent.Type == OrderType.Market)) Fill(intent.TargetClientOrderId);
                    break;
                case IntentAction.Cancel:
                    Cancels++;
                    ref var o = ref _orders[Slot(intent.TargetClientOrderId)];
                    if (o.ClientOrderId == intent.TargetClientOrderId && o.IsOpen) o.Status = OrderStatus.Cancelled;
                    break;
                case IntentAction.CancelAll:
                    Cancels++;
                    for (var j = 0; j < _orders.Length; j++)
                    {
                        if (_orders[j].IsOpen && (intent.InstrumentId == 0 || _orders[j].InstrumentId == intent.InstrumentId)) _orders[j].Status = OrderStatus.Cancelled;
                    }
                    break;
            }
        }
    }

    private static int Slot(long clientOrderId) => (int)(ClientOrderIds.Counter(clientOrderId) & (Capacity - 1));
}
