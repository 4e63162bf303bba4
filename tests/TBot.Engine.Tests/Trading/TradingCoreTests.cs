using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Orders;
using TBot.Engine.Risk;
using TBot.Engine.Trading;

namespace TBot.Engine.Tests.Trading;

public sealed class TradingCoreTests
{
    private static (TradingCoreFixture F, string Hash) Drive(int events, int seed, IDecisionLog? log = null)
    {
        var f = new TradingCoreFixture(log);
        var source = new TradingCoreFixture.EventSource(f, seed);
        f.Enable(0);
        var e = default(MarketEvent);
        for (var i = 1; i <= events; i++)
        {
            source.Next(ref e);
            f.Core.Process(in e, i);
        }
        return (f, StateHasher.Compute(f.Core.Orders, f.Core.Market));
    }

    [Fact]
    public void The_sample_bots_trade_through_risk_and_the_paper_gateway()
    {
        var (f, _) = Drive(200_000, seed: 1);
        var orders = f.Core.Orders;
        Assert.True(orders.Counters.Submitted > 100, $"orders {orders.Counters.Submitted}");
        Assert.True(orders.Counters.Fills > 10, $"fills {orders.Counters.Fills}");
        // Every bot did something.
        for (var bot = 1; bot <= 3; bot++)
            Assert.True(f.Core.Risk.Counters.Accepted(bot) > 0, $"bot {bot} never passed risk");
        Assert.Equal(0, orders.Counters.IgnoredTotal);
    }

    [Fact]
    public void Same_events_same_state_hash_different_events_different_hash()
    {
        var (_, a) = Drive(50_000, seed: 7);
        var (_, b) = Drive(50_000, seed: 7);
        var (_, c) = Drive(50_000, seed: 8);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Nothing_trades_before_trading_is_enabled()
    {
        var f = new TradingCoreFixture();
        var source = new TradingCoreFixture.EventSource(f, 3);
        var e = default(MarketEvent);
        for (var i = 0; i < 20_000; i++)
        {
            source.Next(ref e);
            f.Core.Process(in e, i);
        }
        Assert.Equal(0, f.Core.Orders.Counters.Submitted);
        Assert.False(f.Core.TradingEnabled);
        f.Enable(20_000);
        for (var i = 0; i < 20_000; i++)
        {
            source.Next(ref e);
            f.Core.Process(in e, 20_001 + i);
        }
        Assert.True(f.Core.Orders.Counters.Submitted > 0);
    }

    [Fact]
    public void Kill_switch_control_event_cancels_the_bots_orders_and_stops_it()
    {
        // The same stream twice: once with bot 1 killed at event 20 001, once without. The run without the kill
        // shows that bot 1 would have placed orders afterwards, so "none after the kill" is not vacuous.
        static long SubmittedAfter(int bot, long after, List<DecisionRecord> decisions)
        {
            long n = 0;
            foreach (var d in decisions)
                if (d.Kind == DecisionKind.OrderSubmitted && d.BotId == bot && d.Sequence > after) n++;
            return n;
        }
        List<DecisionRecord> Run(bool kill, out TradingCoreFixture fixture)
        {
            var decisions = new List<DecisionRecord>();
            var (f, _) = Drive(20_000, seed: 4, new ListLog(decisions));
            var e = default(MarketEvent);
            ControlEvents.Write(ref e, kill ? ControlCommand.KillBot : ControlCommand.None, 1, f.Core.NowNs + 1_000_000);
            f.Core.Process(in e, 20_001);
            var source = new TradingCoreFixture.EventSource(f, 5);
            for (var i = 0; i < 20_000; i++)
            {
                source.Next(ref e);
                e.ReceiveTimeNs += 100_000_000_000; // after the kill
                f.Core.Process(in e, 30_000 + i);
            }
            fixture = f;
            return decisions;
        }

        var killed = Run(kill: true, out var k);
        var control = Run(kill: false, out _);
        Assert.Equal(BotRiskState.Halted, k.Core.Risk.State(1));
        Assert.Contains(killed, d => d.Kind == DecisionKind.KillSwitch && d.BotId == 1);
        Assert.Equal(0, k.Core.Orders.OpenOrderCount(1, 0));
        Assert.True(SubmittedAfter(1, 20_001, control) > 0, "without the kill bot 1 keeps trading on this stream");
        Assert.Equal(0, SubmittedAfter(1, 20_001, killed));
    }

    [Fact]
    public void Risk_limit_changes_arrive_as_control_events()
    {
        var (f, _) = Drive(1_000, seed: 6);
        var e = default(MarketEvent);
        ControlEvents.Write(ref e, ControlCommand.SetRiskLimit, 2, f.Core.NowNs + 1_000_000, (int)RiskLimitField.MaxOpenOrders, 1);
        f.Core.Process(in e, 1_001);
        Assert.Equal(1, f.Core.Risk.Limits(2).MaxOpenOrders);
        Assert.Equal(8, f.Core.Risk.Limits(1).MaxOpenOrders);
    }

    [Fact]
    public void Engine_time_never_goes_back()
    {
        var f = new TradingCoreFixture();
        var e = new MarketEvent { Kind = MarketEventKind.Quote, Venue = Venue.Binance, InstrumentId = f.Btc, Bid = 6_500_000, Ask = 6_500_002, BidSize = 1, AskSize = 1, ReceiveTimeNs = 2_000 };
        f.Core.Process(in e, 0);
        e.ReceiveTimeNs = 1_000; // stamped earlier on another producer thread, published later
        f.Core.Process(in e, 1);
        Assert.Equal(2_000, f.Core.NowNs);
        Assert.Equal(2_000, f.Core.Bots[0].Context.NowNs);
        e.ReceiveTimeNs = 3_000;
        f.Core.Process(in e, 2);
        Assert.Equal(3_000, f.Core.NowNs);
    }

    [Fact]
    public void A_million_events_through_the_whole_core_allocate_nothing()
    {
        var f = new TradingCoreFixture();
        var source = new TradingCoreFixture.EventSource(f, 9);
        f.Enable(0);
        var e = default(MarketEvent);
        long seq = 1;
        for (var i = 0; i < 200_000; i++)
        {
            source.Next(ref e);
            f.Core.Process(in e, seq++);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000_000; i++)
        {
            source.Next(ref e);
            f.Core.Process(in e, seq++);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(f.Core.Orders.Counters.Submitted > 1000);
        Assert.Equal(0, allocated);
    }

    private sealed class ListLog(List<DecisionRecord> list) : IDecisionLog
    {
        public void Append(in DecisionRecord record) => list.Add(record);
    }
}
