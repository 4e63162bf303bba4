using TBot.Engine.Orders;
using TBot.Engine.Risk;
using static TBot.Engine.Tests.Risk.RiskBed;

namespace TBot.Engine.Tests.Risk;

public class KillSwitchTests
{
    private const long Day = 86_400 * Second;
    /// <summary>The first UTC midnight after <see cref="RiskBed.T0"/>.</summary>
    private const long Midnight = (T0 / Day + 1) * Day;

    [Fact]
    public void Daily_loss_fires_once_blocks_submits_and_allows_cancels()
    {
        var bed = new RiskBed(new RiskLimits { DailyLossLimit = 100 * Usdt });
        bed.Orders.AddOrder(42, 1, bed.BtcId);
        Assert.Equal(KillSwitchCause.None, bed.Risk.OnPnl(1, -50 * Usdt, T0));
        Assert.Equal(KillSwitchCause.None, bed.Risk.OnPnl(1, -100 * Usdt, T0 + Second)); // at the limit: not beyond
        Assert.Equal(BotRiskState.Active, bed.Risk.State(1));
        Assert.Equal(RiskRejectReason.None, bed.Check(bed.SmallBtcBuy(), T0 + Second));

        Assert.Equal(KillSwitchCause.DailyLossLimit, bed.Risk.OnPnl(1, -100 * Usdt - 1, T0 + 2 * Second));
        Assert.Equal(BotRiskState.Halted, bed.Risk.State(1));
        Assert.Equal(KillSwitchCause.DailyLossLimit, bed.Risk.HaltCause(1));
        Assert.Equal(KillSwitchCause.None, bed.Risk.OnPnl(1, -300 * Usdt, T0 + 3 * Second)); // already halted: not again
        Assert.Equal(1, bed.Risk.Counters.KillSwitches(1, KillSwitchCause.DailyLossLimit));

        Assert.Equal(RiskRejectReason.BotHalted, bed.Check(bed.SmallBtcBuy(), T0 + 3 * Second));
        Assert.Equal(RiskRejectReason.None, bed.Check(Cancel(1, 42), T0 + 3 * Second));
        Assert.Equal(RiskRejectReason.None, bed.Check(CancelAll(1), T0 + 3 * Second));
        Assert.Equal(BotRiskState.Active, bed.Risk.State(2)); // other bots trade on
        Assert.Equal(RiskRejectReason.None, bed.Check(bed.SmallBtcBuy(bot: 2), T0 + 3 * Second));
    }

    [Fact]
    public void Drawdown_is_measured_from_the_peak()
    {
        var bed = new RiskBed(new RiskLimits { MaxDrawdown = 50 * Usdt });
        Assert.Equal(KillSwitchCause.None, bed.Risk.OnPnl(1, 30 * Usdt, T0));
        Assert.Equal(KillSwitchCause.None, bed.Risk.OnPnl(1, 100 * Usdt, T0 + Second));
        Assert.Equal(KillSwitchCause.None, bed.Risk.OnPnl(1, 50 * Usdt, T0 + 2 * Second)); // down 50: at the limit
        Assert.Equal(50 * Usdt, bed.Risk.Drawdown(1));
        Assert.Equal(KillSwitchCause.MaxDrawdown, bed.Risk.OnPnl(1, 50 * Usdt - 1, T0 + 3 * Second));
        Assert.Equal(KillSwitchCause.MaxDrawdown, bed.Risk.HaltCause(1));
        Assert.Equal(RiskRejectReason.BotHalted, bed.Check(bed.SmallBtcBuy(), T0 + 3 * Second));
    }

    [Fact]
    public void Daily_loss_counts_from_utc_midnight_in_engine_time()
    {
        var limits = new RiskLimits { DailyLossLimit = 100 * Usdt };
        var bed = new RiskBed(limits);
        bed.Risk.SetLimits(2, limits);

        // Bot 1 loses 90 before midnight and 60 more after it: two days, neither beyond 100.
        Assert.Equal(KillSwitchCause.None, bed.Risk.OnPnl(1, -90 * Usdt, Midnight - 1));
        Assert.Equal(KillSwitchCause.None, bed.Risk.OnPnl(1, -150 * Usdt, Midnight));
        Assert.Equal(-60 * Usdt, bed.Risk.DayPnl(1));
        Assert.Equal(KillSwitchCause.DailyLossLimit, bed.Risk.OnPnl(1, -190 * Usdt - 1, Midnight + Second));

        // Bot 2, the same PnL path within one day, is stopped at −150.
        Assert.Equal(KillSwitchCause.None, bed.Risk.OnPnl(2, -90 * Usdt, Midnight - 2 * Second));
        Assert.Equal(KillSwitchCause.DailyLossLimit, bed.Risk.OnPnl(2, -150 * Usdt, Midnight - 1));
    }

    [Fact]
    public void A_submit_after_midnight_sees_the_new_day_before_any_pnl_update()
    {
        var bed = new RiskBed();
        Assert.Equal(KillSwitchCause.None, bed.Risk.OnPnl(1, -150 * Usdt, Midnight - Second));
        bed.Risk.SetLimits(1, new RiskLimits { DailyLossLimit = 100 * Usdt });
        Assert.Equal(RiskRejectReason.DailyLossLimit, bed.Check(bed.SmallBtcBuy(), Midnight - 1));
        Assert.Equal(RiskRejectReason.None, bed.Check(bed.SmallBtcBuy(), Midnight));
    }

    [Fact]
    public void Tightened_limits_refuse_submits_at_once_and_fire_on_the_next_pnl()
    {
        var bed = new RiskBed();
        Assert.Equal(KillSwitchCause.None, bed.Risk.OnPnl(1, -80 * Usdt, T0));
        bed.Risk.SetLimits(1, new RiskLimits { DailyLossLimit = 50 * Usdt });
        Assert.Equal(RiskRejectReason.DailyLossLimit, bed.Check(bed.SmallBtcBuy()));
        Assert.Equal(BotRiskState.Active, bed.Risk.State(1));
        Assert.Equal(KillSwitchCause.DailyLossLimit, bed.Risk.OnPnl(1, -80 * Usdt, T0 + Second));
        Assert.Equal(RiskRejectReason.BotHalted, bed.Check(bed.SmallBtcBuy(), T0 + Second));
    }

    [Fact]
    public void Only_an_operator_resume_lifts_a_kill_switch_and_losses_then_count_afresh()
    {
        var bed = new RiskBed(new RiskLimits { DailyLossLimit = 100 * Usdt, MaxDrawdown = 150 * Usdt });
        Assert.Equal(KillSwitchCause.DailyLossLimit, bed.Risk.OnPnl(1, -120 * Usdt, T0));
        // A new day does not lift it.
        Assert.Equal(KillSwitchCause.None, bed.Risk.OnPnl(1, -120 * Usdt, Midnight + Second));
        bed.Quote(bed.BtcId, 4_999_900, 5_000_100, Midnight + Second);
        Assert.Equal(RiskRejectReason.BotHalted, bed.Check(bed.SmallBtcBuy(), Midnight + Second));

        Assert.True(bed.Risk.Resume(1));
        Assert.False(bed.Risk.Resume(1));
        Assert.Equal(BotRiskState.Active, bed.Risk.State(1));
        Assert.Equal(KillSwitchCause.None, bed.Risk.HaltCause(1));
        Assert.Equal(RiskRejectReason.None, bed.Check(bed.SmallBtcBuy(), Midnight + Second));
        // Peak and day start are now −120: a further 100 is allowed, 150 more drawdown fires.
        Assert.Equal(KillSwitchCause.None, bed.Risk.OnPnl(1, -220 * Usdt, Midnight + 2 * Second));
        Assert.Equal(KillSwitchCause.DailyLossLimit, bed.Risk.OnPnl(1, -220 * Usdt - 1, Midnight + 3 * Second));
        Assert.Equal(2, bed.Risk.Counters.KillSwitches(1, KillSwitchCause.DailyLossLimit));
    }

    [Fact]
    public void Pause_and_resume()
    {
        var bed = new RiskBed(new RiskLimits { DailyLossLimit = 10 * Usdt });
        bed.Orders.AddOrder(7, 1, bed.BtcId);
        Assert.True(bed.Risk.Pause(1));
        Assert.False(bed.Risk.Pause(1));
        Assert.Equal(BotRiskState.Paused, bed.Risk.State(1));
        Assert.Equal(RiskRejectReason.BotHalted, bed.Check(bed.SmallBtcBuy()));
        Assert.Equal(RiskRejectReason.None, bed.Check(Cancel(1, 7)));
        Assert.True(bed.Risk.Resume(1));
        Assert.Equal(RiskRejectReason.None, bed.Check(bed.SmallBtcBuy()));

        // The kill switch still fires while paused, and then a resume is the operator's explicit decision.
        bed.Risk.Pause(1);
        Assert.Equal(KillSwitchCause.DailyLossLimit, bed.Risk.OnPnl(1, -11 * Usdt, T0));
        Assert.Equal(BotRiskState.Halted, bed.Risk.State(1));
        Assert.False(bed.Risk.Pause(1));
        Assert.Equal(BotRiskState.Halted, bed.Risk.State(1));
    }

    [Fact]
    public void Manual_halt()
    {
        var bed = new RiskBed(new RiskLimits { DailyLossLimit = 10 * Usdt });
        Assert.True(bed.Risk.Halt(3));
        Assert.False(bed.Risk.Halt(3, KillSwitchCause.MaxDrawdown));
        Assert.Equal(KillSwitchCause.Manual, bed.Risk.HaltCause(3));
        Assert.Equal(KillSwitchCause.None, bed.Risk.OnPnl(3, -50 * Usdt, T0)); // already halted: nothing fires
        Assert.Equal(RiskRejectReason.BotHalted, bed.Check(bed.SmallBtcBuy(bot: 3)));
        Assert.Equal(1, bed.Risk.Counters.KillSwitches(3, KillSwitchCause.Manual));
        Assert.Throws<ArgumentException>(() => bed.Risk.Halt(4, KillSwitchCause.None));
    }
}
