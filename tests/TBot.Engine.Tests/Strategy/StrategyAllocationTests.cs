using TBot.Engine.Events;
using TBot.Engine.Orders;
using TBot.Engine.Strategy;
using static TBot.Engine.Tests.Strategy.StrategyHarness;

namespace TBot.Engine.Tests.Strategy;

/// <summary>
/// Strategies run on the hot path: after a warm-up, a million events through the market state, the strategy and an
/// ideal order manager (the test double, itself allocation-free) must allocate nothing on this thread. The event
/// streams are built so that each strategy keeps trading (requotes, entries/exits, arbitrage in both directions),
/// and the tests check that it did.
/// </summary>
public class StrategyAllocationTests
{
    private const int WarmUp = 100_000;
    private const int Measured = 1_000_000;
    private const long Step = 10 * Ms;

    [Fact]
    public void Market_maker_allocates_nothing_per_event()
    {
        var h = new StrategyHarness { AutoApply = true };
        var id = h.Btc.Id;
        var mm = new MarketMaker(new MarketMakerSettings
        {
            Instrument = h.Btc, HalfSpreadMicroBps = 200_000, QuoteSize = 100, InventorySkewMicroBps = 100_000, MaxInventory = 300,
            RefreshNs = 2 * Second, RequoteTicks = 2, MaxQuoteAgeNs = Second,
        });
        var walk = new Walk(5_000_000, 3);
        long lastBid = 0, lastAsk = 0;

        void Run(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                var t = Start + i * Step;
                var e = i % 10 == 9 ? Timer(t) : Quote(id, walk.Next() - 5, walk.Current + 5, t);
                h.Send(mm, e);
                for (var k = 0; k < h.Intents.Count; k++)
                {
                    ref var intent = ref h.Intents[k];
                    if (intent.Action != IntentAction.Submit) continue;
                    if (intent.Side == Side.Buy) lastBid = intent.TargetClientOrderId;
                    else lastAsk = intent.TargetClientOrderId;
                }
                // Now and then a quote gets filled, moving the inventory both ways.
                if (i % 97 == 0 && lastBid != 0 && h.Orders.StatusOf(lastBid) == OrderStatus.Accepted) h.Orders.Fill(lastBid);
                if (i % 89 == 0 && lastAsk != 0 && h.Orders.StatusOf(lastAsk) == OrderStatus.Accepted) h.Orders.Fill(lastAsk);
            }
        }

        Run(0, WarmUp);
        var submitsBefore = h.Orders.Submits;
        var cancelsBefore = h.Orders.Cancels;
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(WarmUp, WarmUp + Measured);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(h.Orders.Submits - submitsBefore > 10_000, $"only {h.Orders.Submits - submitsBefore} quotes");
        Assert.True(h.Orders.Cancels - cancelsBefore > 10_000, $"only {h.Orders.Cancels - cancelsBefore} cancels");
        Assert.Equal(0, h.Intents.Overflows);
    }

    [Fact]
    public void Mean_reversion_allocates_nothing_per_event()
    {
        var h = new StrategyHarness { AutoApply = true };
        h.Orders.FillImmediateOrders = true;
        var id = h.Btc.Id;
        var mr = new MeanReversion(new MeanReversionSettings
        {
            Instrument = h.Btc, BarNs = 200 * Ms, WindowBars = 20, EntryZ = 1.5, ExitZ = 0.5, OrderSize = 100, MaxPosition = 300,
            SlippageTicks = 2, CooldownNs = 100 * Ms, MaxQuoteAgeNs = Second,
        });
        var walk = new Walk(5_000_000, 20);

        void Run(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                var t = Start + i * Step;
                var e = (i % 3) switch
                {
                    0 => Trade(id, walk.Next(), 10, t),
                    1 => Quote(id, walk.Current - 5, walk.Current + 5, t),
                    _ => Timer(t),
                };
                h.Send(mr, e);
            }
        }

        Run(0, WarmUp);
        var submitsBefore = h.Orders.Submits;
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(WarmUp, WarmUp + Measured);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(h.Orders.Submits - submitsBefore > 1_000, $"only {h.Orders.Submits - submitsBefore} orders");
        Assert.True(Math.Abs(h.Context.Position(id)) <= 300);
    }

    [Fact]
    public void Cross_venue_spread_allocates_nothing_per_event()
    {
        var h = new StrategyHarness { AutoApply = true };
        h.Orders.FillImmediateOrders = true;
        int a = h.Btc.Id, b = h.OkxBtc.Id;
        var s = new CrossVenueSpread(new CrossVenueSpreadSettings
        {
            InstrumentA = h.Btc, InstrumentB = h.OkxBtc, ThresholdMicroBps = BasisPoints.Micro, TakerFeeAMicroBps = BasisPoints.Micro,
            TakerFeeBMicroBps = BasisPoints.Micro, OrderSize = 100_000, MaxPosition = 300_000, MaxQuoteAgeNs = Second,
            CooldownNs = 50 * Ms, FlattenNet = true, SlippageTicks = 2,
        });
        var walk = new Walk(500_000, 30); // B's price at 1 decimal
        var missed = 0;

        void Run(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                var t = Start + i * Step;
                // A stays put at 50,000.00; B wanders around it by up to ±40 bps, so both directions trade.
                var e = (i % 4) switch
                {
                    0 => Quote(a, 4_999_950, 5_000_050, t, 100_000, 100_000),
                    1 => Quote(b, walk.Next() - 1, walk.Current + 1, t, 100_000_000, 100_000_000),
                    2 => Timer(t),
                    _ => Quote(b, walk.Current - 1, walk.Current + 1, t, 100_000_000, 100_000_000),
                };
                h.Send(s, e);
                // Now and then a leg misses (expires unfilled), leaving a net position to flatten.
                if (i % 1_013 == 0 && h.Intents.Count == 2 && h.Intents[1].Action == IntentAction.Submit)
                {
                    var leg = h.Intents[1];
                    h.Orders.SetPosition(leg.InstrumentId, h.Context.Position(leg.InstrumentId) - (leg.Side == Side.Buy ? leg.Quantity : -leg.Quantity));
                    h.Orders.SetStatus(leg.TargetClientOrderId, OrderStatus.Expired);
                    missed++;
                }
            }
        }

        Run(0, WarmUp);
        var submitsBefore = h.Orders.Submits;
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(WarmUp, WarmUp + Measured);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(h.Orders.Submits - submitsBefore > 1_000, $"only {h.Orders.Submits - submitsBefore} orders");
        Assert.True(missed > 0);
        Assert.True(Math.Abs(h.Context.Position(a)) <= 300);
        Assert.True(Math.Abs(h.Context.Position(b)) <= 300_000);
    }

    /// <summary>A deterministic bounded random walk (LCG), so runs are repeatable.</summary>
    private sealed class Walk(long center, long maxStep)
    {
        private readonly long _center = center;
        private ulong _state = 0x9E3779B97F4A7C15;

        public long Current { get; private set; } = center;

        public long Next()
        {
            _state = _state * 6364136223846793005 + 1442695040888963407;
            var step = (long)(_state >> 33) % (2 * maxStep + 1) - maxStep;
            // Pull back toward the centre so the walk stays within about ±40 bps.
            var pull = (_center - Current) / 256;
            Current += step + pull;
            return Current;
        }
    }
}
