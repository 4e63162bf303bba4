using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Orders;
using TBot.Engine.Risk;
using static TBot.Engine.Tests.Risk.RiskBed;

namespace TBot.Engine.Tests.Risk;

public class RiskAllocationTests
{
    [Fact]
    public void A_million_checks_allocate_nothing()
    {
        // Every check enabled, so each code path (collar, staleness, both position sums, buckets, PnL) runs.
        var limits = new RiskLimits
        {
            MaxOrderNotional = 100_000 * Usdt, MaxPositionNotionalPerBot = 1_000_000 * Usdt, DailyLossLimit = 1_000_000 * Usdt,
            MaxDrawdown = 1_000_000 * Usdt, MaxOpenOrders = 100, PriceCollarBps = 500, MaxQuoteAgeMs = 60_000,
        }.WithInstrument(1, maxOrderQuantity: 10 * Btc, maxPositionQuantity: 50 * Btc).WithOrderRate(Venue.Binance, 1_000, 100);
        var bed = new RiskBed(limits);
        bed.Orders.SetPosition(1, bed.BtcId, Btc);
        bed.Orders.SetOpen(1, bed.EthId, Side.Sell, 5 * Eth);
        bed.Orders.SetOpenCount(1, bed.EthId, 2);
        bed.Orders.AddOrder(ClientOrderIds.Make(1, 3), 1, bed.BtcId);
        var intents = new[]
        {
            bed.SmallBtcBuy(),
            MarketOrder(1, bed.EthId, Side.Sell, Eth),
            Limit(1, bed.SolId, Side.Buy, 100_000, 100),
            Limit(1, bed.BtcId, Side.Buy, 6_000_000, 100),     // collar
            Limit(1, bed.BtcId, Side.Buy, 5_000_000, 20 * Btc), // quantity
            Cancel(1, ClientOrderIds.Make(1, 3)),
            Cancel(1, ClientOrderIds.Make(1, 4)),
            CancelAll(1),
        };

        var accepted = Run(bed, intents, 20_000, T0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        accepted += Run(bed, intents, 1_000_000, T0 + 20_000 * Ms);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(accepted > 300_000, $"only {accepted} accepted: the loop did not exercise the full check");
        Assert.True(bed.Risk.Counters.Get(RiskRejectReason.OrderRateLimit) > 0);
        Assert.Equal(BotRiskState.Active, bed.Risk.State(1));
    }

    /// <summary>Checks at 1 µs steps of engine time, with a PnL update every 1 000 checks.</summary>
    private static long Run(RiskBed bed, OrderIntent[] intents, int count, long startNs)
    {
        long accepted = 0;
        var now = startNs;
        for (var i = 0; i < count; i++)
        {
            now += 1_000;
            if (i % 1_000 == 0)
            {
                bed.Quote(bed.BtcId, 4_999_900, 5_000_100, now);
                bed.Quote(bed.EthId, 299_900, 300_100, now);
                bed.Quote(bed.SolId, 99_990, 100_010, now);
                bed.Risk.OnPnl(1, (i % 7_000) * Usdt, now);
            }
            if (bed.Risk.Check(in intents[i % intents.Length], now, bed.Market, bed.Orders) == RiskRejectReason.None) accepted++;
        }
        return accepted;
    }
}
