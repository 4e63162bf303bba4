using TBot.Engine.Events;
using TBot.Engine.Journal;
using TBot.Engine.Orders;
using TBot.Engine.Risk;
using TBot.Engine.Trading;

namespace TBot.Engine.Tests.Trading;

/// <summary><see cref="ControlCommand.FlattenBot"/>: cancel the bot's orders, then market IOC orders to zero.</summary>
public sealed class FlattenTests
{
    /// <summary>Drive the sample bots until bot <paramref name="bot"/> holds a position, kill it (so its strategy
    /// stops), flatten it, then drive on past the paper latency. Returns the decisions and the final core.</summary>
    private static (TradingCoreFixture F, List<DecisionRecord> Decisions, long FlattenSequence) KillFlattenAndDrive(int bot, int seed)
    {
        var decisions = new List<DecisionRecord>();
        var f = new TradingCoreFixture(new ListLog(decisions));
        var source = new TradingCoreFixture.EventSource(f, seed);
        f.Enable(0);
        var e = default(MarketEvent);
        long seq = 1;
        while (!HasPosition(f, bot))
        {
            Assert.True(seq < 500_000, $"bot {bot} never took a position on this stream");
            source.Next(ref e);
            f.Core.Process(in e, seq++);
        }
        ControlEvents.Write(ref e, ControlCommand.KillBot, bot, f.Core.NowNs + 1);
        f.Core.Process(in e, seq++);
        var flattenAt = seq;
        ControlEvents.Write(ref e, ControlCommand.FlattenBot, bot, f.Core.NowNs + 1);
        f.Core.Process(in e, seq++);
        for (var i = 0; i < 1_000; i++)
        {
            source.Next(ref e);
            f.Core.Process(in e, seq++);
        }
        return (f, decisions, flattenAt);
    }

    private static bool HasPosition(TradingCoreFixture f, int bot) =>
        f.Core.Orders.Position(bot, f.Btc) != 0 || f.Core.Orders.Position(bot, f.Eth) != 0 || f.Core.Orders.Position(bot, f.BtcOkx) != 0;

    [Theory]
    [InlineData(2, 12)]
    [InlineData(3, 13)]
    public void Flatten_takes_a_killed_bots_positions_to_zero_with_market_ioc_orders(int bot, int seed)
    {
        var (f, decisions, at) = KillFlattenAndDrive(bot, seed);
        Assert.False(HasPosition(f, bot), $"bot {bot} still holds a position after flatten");
        Assert.Equal(0, f.Core.Orders.OpenOrderCount(bot, 0));
        Assert.Equal(BotRiskState.Halted, f.Core.Risk.State(bot)); // flatten leaves the state alone
        var flattenOrders = decisions.Where(d => d.Kind == DecisionKind.OrderSubmitted && d.Sequence == at && d.BotId == bot).ToList();
        Assert.NotEmpty(flattenOrders);
        Assert.All(flattenOrders, d => Assert.Equal(OrderType.Market, d.OrderType));
        Assert.DoesNotContain(decisions, d => d.Kind == DecisionKind.RiskRejected && d.Sequence == at);
        // Only the flattened bot's orders were touched by the flatten event.
        Assert.DoesNotContain(decisions, d => d.Sequence == at && d.BotId != bot && d.Kind != DecisionKind.Control);
    }

    [Fact]
    public void Flatten_is_deterministic_on_replay()
    {
        var (a, da, _) = KillFlattenAndDrive(3, 21);
        var (b, db, _) = KillFlattenAndDrive(3, 21);
        Assert.Equal(StateHasher.Compute(a.Core.Orders, a.Core.Market), StateHasher.Compute(b.Core.Orders, b.Core.Market));
        Assert.Equal(da.Count, db.Count);
        for (var i = 0; i < da.Count; i++) Assert.Equal(da[i], db[i]);
    }

    [Fact]
    public void Flatten_of_a_flat_bot_sends_nothing()
    {
        var decisions = new List<DecisionRecord>();
        var f = new TradingCoreFixture(new ListLog(decisions));
        f.Enable(0);
        var e = default(MarketEvent);
        ControlEvents.Write(ref e, ControlCommand.FlattenBot, 2, 1_700_000_000_000_000_001);
        f.Core.Process(in e, 1);
        Assert.Equal(0, f.Core.Orders.Counters.Submitted);
        Assert.Contains(decisions, d => d.Kind == DecisionKind.Control && d.Reason == (byte)ControlCommand.FlattenBot && d.BotId == 2);
    }

    [Fact]
    public void Risk_refuses_a_flatten_order_that_would_grow_or_flip_the_position()
    {
        var (f, _, _) = KillFlattenAndDrive(2, 12);
        var risk = f.Core.Risk;
        // Bot 2 is flat now: any "flatten" order would open a position.
        var grow = new OrderIntent { Action = IntentAction.Submit, BotId = 2, InstrumentId = f.Eth, Type = OrderType.Market, TimeInForce = TimeInForce.Ioc, Side = Side.Buy, Quantity = 1 };
        Assert.Equal(RiskRejectReason.InvalidOrder, risk.CheckFlatten(in grow, f.Core.NowNs, f.Core.Market, f.Core.Orders));
    }

    private sealed class ListLog(List<DecisionRecord> list) : IDecisionLog
    {
        public void Append(in DecisionRecord record) => list.Add(record);
    }
}
