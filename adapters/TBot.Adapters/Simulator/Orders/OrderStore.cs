using TBot.Adapters.Simulator.Market;
using TBot.Engine.Events;

namespace TBot.Adapters.Simulator.Orders;

/// <summary>
/// Orders by id and client id, and the resting ones, plus the account their fills move. Placement and resting
/// fills run on the pump thread (they touch the book); queries and cancels come from HTTP threads; all under one lock.
/// </summary>
public sealed class OrderStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, SimOrder> _byId = [];
    private readonly Dictionary<(int Market, string ClientId), SimOrder> _byClientId = [];
    private readonly Dictionary<string, int> _submissions = new(StringComparer.Ordinal);
    private readonly List<SimOrder> _resting = [];
    private long _nextOrderId = 1_000_000;
    private long _nextPrivateTradeId = 900_000_000;

    public OrderStore(SimAccount? account = null) => Account = account ?? new SimAccount();

    /// <summary>Balances moved by this store's fills.</summary>
    public SimAccount Account { get; }

    public int Count
    {
        get
        {
            lock (_gate) return _byId.Count;
        }
    }

    public SimOrder? Find(InstrumentMarket market, long orderId, string? clientOrderId)
    {
        lock (_gate)
        {
            if (orderId > 0) return _byId.TryGetValue(orderId, out var o) && o.Market == market ? o : null;
            if (clientOrderId is not null) return _byClientId.GetValueOrDefault((market.Index, clientOrderId));
            return null;
        }
    }

    public List<SimOrder> Open(InstrumentMarket? market)
    {
        lock (_gate) return _resting.Where(o => market is null || o.Market == market).OrderBy(o => o.OrderId).ToList();
    }

    /// <summary>
    /// How many new-order POSTs carried <paramref name="clientOrderId"/> (authenticated ones, whatever became of
    /// them: placed, rejected as duplicates, or lost to a fault). Lets tests prove a client never resent an order.
    /// </summary>
    public int Submissions(string clientOrderId)
    {
        lock (_gate) return _submissions.GetValueOrDefault(clientOrderId);
    }

    internal void RecordSubmission(string clientOrderId)
    {
        lock (_gate) _submissions[clientOrderId] = _submissions.GetValueOrDefault(clientOrderId) + 1;
    }

    /// <summary>Every asset of the account: free = total − what resting orders lock.</summary>
    public List<SimBalance> Balances()
    {
        var totals = Account.Totals();
        var locked = new Dictionary<string, long>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var o in _resting)
            {
                var (asset, amount) = SimAccount.Locked(o);
                locked[asset] = locked.GetValueOrDefault(asset) + amount;
            }
        }
        foreach (var asset in locked.Keys) totals.TryAdd(asset, 0);
        var list = new List<SimBalance>(totals.Count);
        foreach (var (asset, total) in totals)
        {
            var l = locked.GetValueOrDefault(asset);
            list.Add(new SimBalance(asset, total - l, l));
        }
        return list;
    }

    /// <summary>Cancel an open order; false if it is no longer open.</summary>
    internal bool TryCancel(SimOrder order, long nowMs)
    {
        lock (_gate)
        {
            if (!order.IsOpen) return false;
            order.Status = SimOrderStatus.Canceled;
            order.UpdateTimeMs = nowMs;
            _resting.Remove(order);
            return true;
        }
    }

    /// <summary>
    /// Place an order (pump thread, model lock held): the marketable part walks the public book — printing
    /// trades and book changes that <paramref name="publish"/> sends to the feeds — and the rest rests, expires
    /// or is rejected according to the type and time in force.
    /// </summary>
    internal OrderPlacement Place(OrderRequest r, MarketModel model, long nowNs, Action<MarketStep> publish)
    {
        var m = r.Market;
        lock (_gate)
        {
            if (r.ClientOrderId is not null && _byClientId.TryGetValue((m.Index, r.ClientOrderId), out var dup) && dup.IsOpen)
                return OrderPlacement.Rejected(-2010, "Duplicate order sent.");
        }
        var limit = r.Type == SimOrderType.Market ? 0 : r.Price;
        var available = m.AvailableTo(r.Side, limit);
        if (r.Type == SimOrderType.LimitMaker && available > 0)
            return OrderPlacement.Rejected(-2010, "Order would immediately match and take.");

        SimOrder order;
        lock (_gate)
        {
            var id = ++_nextOrderId;
            order = new SimOrder(id, r.ClientOrderId ?? ClientIdFor(id), m, r.Side, r.Type, r.TimeInForce, r.Price, r.Quantity, r.QuoteQuantity, r.TimeMs);
        }

        var fok = r.Type == SimOrderType.Limit && r.TimeInForce == SimTimeInForce.Fok;
        var canTrade = available > 0 && !(fok && available < r.Quantity);
        if (canTrade)
        {
            var fills = new List<PriceLevel>();
            var step = model.BeginExternal(m, nowNs);
            m.Take(step, r.Side, limit, r.Quantity, r.QuoteQuantity, fills);
            m.Rebalance(step);
            m.End(step);
            var trades = step.Trades;
            for (var i = 0; i < fills.Count; i++)
            {
                order.AddFill(fills[i].Price, fills[i].Quantity, trades[i].TradeId);
                Account.ApplyFill(m, r.Side, fills[i].Price, fills[i].Quantity);
            }
            publish(step);
        }
        if (r.Type == SimOrderType.Market && r.Quantity == 0) order.OrigQuantity = order.ExecutedQuantity;

        lock (_gate)
        {
            var remaining = order.RemainingQuantity;
            if (remaining <= 0) order.Status = SimOrderStatus.Filled;
            else if (r.Type == SimOrderType.Market || r.TimeInForce != SimTimeInForce.Gtc)
                order.Status = SimOrderStatus.Expired; // market remainder with no liquidity left, IOC/FOK remainder
            else
            {
                order.Status = order.ExecutedQuantity > 0 ? SimOrderStatus.PartiallyFilled : SimOrderStatus.New;
                _resting.Add(order);
            }
            _byId[order.OrderId] = order;
            _byClientId[(m.Index, order.ClientOrderId)] = order;
        }
        return new OrderPlacement(order, 0, null);
    }

    /// <summary>After each step of <paramref name="market"/> (pump thread): fill resting orders the market has crossed.</summary>
    internal void OnMarketStep(InstrumentMarket market)
    {
        if (_resting.Count == 0) return; // racy read is fine: the next step will see a new order
        lock (_gate)
        {
            for (var i = _resting.Count - 1; i >= 0; i--)
            {
                var o = _resting[i];
                if (o.Market != market) continue;
                var crossed = o.Side == Side.Buy
                    ? market.Asks.Count > 0 && market.Asks.BestPrice <= o.Price
                    : market.Bids.Count > 0 && market.Bids.BestPrice >= o.Price;
                if (!crossed) continue;
                Account.ApplyFill(market, o.Side, o.Price, o.RemainingQuantity);
                o.AddFill(o.Price, o.RemainingQuantity, ++_nextPrivateTradeId);
                o.Status = SimOrderStatus.Filled;
                o.UpdateTimeMs = Wire.WireTime.ToUnixMs(Wire.WireTime.NowNs());
                _resting.RemoveAt(i);
            }
        }
    }

    /// <summary>A 22-character client id like Binance generates ("sim" + base62 of the id, padded).</summary>
    private static string ClientIdFor(long id)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        Span<char> chars = stackalloc char[22];
        var x = (ulong)id * 0x9E3779B97F4A7C15UL;
        chars[0] = 's';
        chars[1] = 'i';
        chars[2] = 'm';
        for (var i = 3; i < chars.Length; i++)
        {
            chars[i] = alphabet[(int)(x % 62)];
            x = x / 62 + (ulong)id * (ulong)i;
        }
        return new string(chars);
    }
}
