using TBot.Engine.Events;
using TBot.Engine.Risk;
using static TBot.Engine.Tests.Risk.RiskBed;

namespace TBot.Engine.Tests.Risk;

public class RiskCountersTests
{
    [Fact]
    public void Reason_names_are_snake_case()
    {
        Assert.Equal("none", RiskRejectReasons.Name(RiskRejectReason.None));
        Assert.Equal("max_order_quantity", RiskRejectReasons.Name(RiskRejectReason.MaxOrderQuantity));
        Assert.Equal("max_position_bot", RiskRejectReasons.Name(RiskRejectReason.MaxPositionBot));
        Assert.Equal("stale_market_data", RiskRejectReasons.Name(RiskRejectReason.StaleMarketData));
        Assert.Equal("unknown_order", RiskRejectReasons.Name(RiskRejectReason.UnknownOrder));
        Assert.Equal("99", RiskRejectReasons.Name((RiskRejectReason)99));
        Assert.Equal("daily_loss_limit", KillSwitchCauses.Name(KillSwitchCause.DailyLossLimit));
        Assert.Equal("manual", KillSwitchCauses.Name(KillSwitchCause.Manual));
        foreach (var r in Enum.GetValues<RiskRejectReason>()) Assert.True((int)r < RiskRejectReasons.Count);
    }

    [Fact]
    public void Every_result_is_counted_by_bot_and_reason()
    {
        var bed = new RiskBed(new RiskLimits { MaxOpenOrders = 1 });
        bed.Check(bed.SmallBtcBuy());
        bed.Check(bed.SmallBtcBuy());
        bed.Check(bed.SmallBtcBuy(bot: 2));
        bed.Orders.SetOpenCount(2, bed.BtcId, 1);
        bed.Check(bed.SmallBtcBuy(bot: 2));
        bed.Check(bed.SmallBtcBuy() with { Quantity = 0 });
        bed.Check(bed.SmallBtcBuy() with { BotId = 0 });
        bed.Check(bed.SmallBtcBuy() with { BotId = 500 });
        bed.Check(Cancel(1, 999));
        bed.Risk.Halt(2);

        var c = bed.Risk.Counters;
        Assert.Equal(2, c.Accepted(1));
        Assert.Equal(1, c.Accepted(2));
        Assert.Equal(1, c.Get(2, RiskRejectReason.MaxOpenOrders));
        Assert.Equal(1, c.Get(1, RiskRejectReason.InvalidOrder));
        Assert.Equal(1, c.Get(1, RiskRejectReason.UnknownOrder));
        Assert.Equal(2, c.Rejected(1));
        Assert.Equal(1, c.Rejected(2));
        Assert.Equal(2, c.Rejected(0)); // intents naming no valid bot
        Assert.Equal(3, c.Get(RiskRejectReason.InvalidOrder));
        Assert.Equal(3, c.Get(RiskRejectReason.None));
        Assert.Equal(5, c.Rejected());
        Assert.Equal(1, c.KillSwitches(2, KillSwitchCause.Manual));

        var snapshot = c.Snapshot();
        Assert.Equal(3, snapshot["invalid_order"]);
        Assert.Equal(1, snapshot["max_open_orders"]);
        Assert.Equal(1, snapshot["unknown_order"]);
        Assert.Equal(1, snapshot["kill_switch_manual"]);
        Assert.False(snapshot.ContainsKey("none"));
        Assert.Equal(4, snapshot.Count);
    }

    [Fact]
    public void Counts_are_readable_from_another_thread()
    {
        var bed = new RiskBed();
        var intent = Limit(1, bed.BtcId, Side.Buy, 5_000_000, 100);
        for (var i = 0; i < 1_000; i++) bed.Check(intent);
        long seen = 0;
        var reader = new Thread(() => seen = bed.Risk.Counters.Accepted(1));
        reader.Start();
        reader.Join();
        Assert.Equal(1_000, seen);
    }
}
