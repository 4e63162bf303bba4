using TBot.Engine.Events;
using TBot.Engine.Orders;

namespace TBot.Engine.Tests.Risk;

/// <summary>A settable <see cref="IOrderView"/>: positions, open quantities and counts per bot and instrument,
/// and a few known orders. Reads allocate nothing (flat arrays and a pre-filled dictionary).</summary>
internal sealed class FakeOrderView : IOrderView
{
    private const int Bots = 16;
    private const int Instruments = 16;
    private readonly long[] _position = new long[Bots * Instruments];
    private readonly long[] _openBuy = new long[Bots * Instruments];
    private readonly long[] _openSell = new long[Bots * Instruments];
    private readonly int[] _openCount = new int[Bots * Instruments];
    private readonly Dictionary<long, Order> _orders = [];
    private long _next;

    public void SetPosition(int bot, int instrument, long quantity) => _position[bot * Instruments + instrument] = quantity;

    public void SetOpen(int bot, int instrument, Side side, long quantity)
    {
        if (side == Side.Buy) _openBuy[bot * Instruments + instrument] = quantity;
        else _openSell[bot * Instruments + instrument] = quantity;
    }

    public void SetOpenCount(int bot, int instrument, int count) => _openCount[bot * Instruments + instrument] = count;

    public void AddOrder(long clientOrderId, int bot, int instrument) =>
        _orders[clientOrderId] = new Order { ClientOrderId = clientOrderId, BotId = bot, InstrumentId = instrument, Status = OrderStatus.Accepted };

    public long Position(int botId, int instrumentId) => _position[botId * Instruments + instrumentId];

    public int OpenOrderCount(int botId, int instrumentId)
    {
        if (instrumentId != 0) return _openCount[botId * Instruments + instrumentId];
        var total = 0;
        for (var i = 1; i < Instruments; i++) total += _openCount[botId * Instruments + i];
        return total;
    }

    public long OpenQuantity(int botId, int instrumentId, Side side) =>
        side == Side.Buy ? _openBuy[botId * Instruments + instrumentId] : _openSell[botId * Instruments + instrumentId];

    public bool TryGetOrder(long clientOrderId, out Order order) => _orders.TryGetValue(clientOrderId, out order);

    public long ReserveClientOrderId(int botId) => ClientOrderIds.Make(botId, ++_next);
}
