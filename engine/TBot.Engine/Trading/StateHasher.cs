using System.Buffers.Binary;
using System.Security.Cryptography;
using TBot.Engine.Market;
using TBot.Engine.Orders;
using TBot.Engine.Portfolio;

namespace TBot.Engine.Trading;

/// <summary>
/// The run's fingerprint: SHA-256 over positions (quantity, cost, realised PnL, fees, fills, unrealised PnL at
/// the final mark) per bot and instrument, every open order, and the fill and order totals, in a fixed order.
/// Two runs with equal hashes ended in the same trading state; <c>tbot replay</c> recomputes it from a journal.
/// Edge code (end of run).
/// </summary>
public static class StateHasher
{
    public static string Compute(OrderManager orders, MarketState market)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buf = new byte[8];
        void Put(long v)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buf, v);
            hash.AppendData(buf);
        }

        var portfolio = orders.Portfolio;
        for (var bot = 0; bot <= portfolio.MaxBotId; bot++)
        {
            for (var i = 1; i < portfolio.InstrumentSlots; i++)
            {
                ref readonly var p = ref portfolio.Get(bot, i);
                if (p.IsEmpty) continue;
                Put(bot); Put(i); Put(p.Quantity); Put(p.Cost); Put(p.RealizedPnl); Put(p.Fees); Put(p.Fills);
                Put(portfolio.Unrealized(bot, i, PortfolioBook.Mark(market, i)));
            }
        }

        var open = OpenOrders(orders);
        foreach (var o in open)
        {
            Put(o.ClientOrderId); Put(o.BotId); Put(o.InstrumentId); Put((long)o.Side); Put((long)o.Type); Put((long)o.Status);
            Put(o.Price); Put(o.Quantity); Put(o.FilledQuantity);
        }
        Put(orders.Counters.Fills);
        Put(orders.Counters.Submitted);
        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 16));
    }

    /// <summary>Open orders sorted by client order id.</summary>
    public static List<Order> OpenOrders(OrderManager orders)
    {
        var list = new List<Order>();
        var table = orders.Table;
        for (var s = 0; s < table.SlotCount; s++)
            if (table.IsUsed(s) && table[s].IsOpen) list.Add(table[s]);
        list.Sort((a, b) => a.ClientOrderId.CompareTo(b.ClientOrderId));
        return list;
    }
}
