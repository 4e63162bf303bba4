using TBot.Engine.Events;
using TBot.Engine.Orders;
using TBot.Engine.Strategy;
using static TBot.Engine.Tests.Strategy.StrategyHarness;

namespace TBot.Engine.Tests.Strategy;

public class MeanReversionTests
{
    private const long Mid = 5_000_000;
    private readonly StrategyHarness _h = new();
    private readonly int _id;

    public MeanReversionTests() => _id = _h.Btc.Id;

    private MeanReversionSettings Settings() => new()
    {
        Instrument = _h.Btc,
        BarNs = Second,
        WindowBars = 5,
        EntryZ = 2,
        ExitZ = 0.5,
        OrderSize = 100,
        MaxPosition = 200,
        SlippageTicks = 2,
        CooldownNs = 300 * Ms,
    };

    /// <summary>Five one-second bars closing alternately at Mid ± 100 (mean Mid + 20, deviation ≈ 98); the window is
    /// full after the timer at Start + 5 s.</summary>
    private void FillWindow(MeanReversion mr)
    {
        for (var i = 0; i < 5; i++)
        {
            var t = Start + i * Second + 100 * Ms;
            _h.Send(mr, Quote(_id, Mid - 10, Mid + 10, t));
            _h.Send(mr, Trade(_id, Mid + (i % 2 == 0 ? 100 : -100), 50, t + Ms));
            Assert.Equal(0, _h.Intents.Count);
            _h.Send(mr, Timer(Start + (i + 1) * Second));
            Assert.Equal(0, _h.Intents.Count);
        }
        Assert.True(mr.Window.IsFull);
        Assert.Equal(Mid + 20, mr.Window.Mean, 6);
        Assert.Equal(Math.Sqrt(9600), mr.Window.StdDev, 6);
    }

    private OrderIntent SendAndFill(MeanReversion mr, in MarketEvent e)
    {
        _h.Send(mr, e);
        var submit = Assert.Single(_h.Submits());
        _h.Orders.Add(submit);
        _h.Orders.Fill(submit.TargetClientOrderId);
        return submit;
    }

    [Fact]
    public void Enters_on_a_dip_scales_in_with_cooldown_up_to_max_position_and_exits_on_reversion()
    {
        var mr = new MeanReversion(Settings());
        FillWindow(mr);
        var t = Start + 5 * Second;

        var buy = SendAndFill(mr, Trade(_id, Mid - 500, 50, t + 100 * Ms));
        Assert.Equal(Side.Buy, buy.Side);
        Assert.Equal(OrderType.Limit, buy.Type);
        Assert.Equal(TimeInForce.Ioc, buy.TimeInForce);
        Assert.Equal(Mid + 10 + 2, buy.Price); // ask + 2 ticks
        Assert.Equal(100, buy.Quantity);
        Assert.Equal(MeanReversion.EntryTag, buy.Tag);
        Assert.Equal(100, _h.Context.Position(_id));

        // Still far below the mean, but within the cooldown.
        _h.Send(mr, Trade(_id, Mid - 500, 50, t + 200 * Ms));
        Assert.Equal(0, _h.Intents.Count);

        var second = SendAndFill(mr, Trade(_id, Mid - 500, 50, t + 450 * Ms));
        Assert.Equal(Side.Buy, second.Side);
        Assert.Equal(200, _h.Context.Position(_id));

        // At the maximum position: no more buying, however deep the dip.
        _h.Send(mr, Trade(_id, Mid - 900, 50, t + 800 * Ms));
        Assert.Equal(0, _h.Intents.Count);

        // Back at the mean (|z| < exit): sell toward flat, one order size at a time.
        var exit = SendAndFill(mr, Trade(_id, Mid + 20, 50, t + 900 * Ms));
        Assert.Equal(Side.Sell, exit.Side);
        Assert.Equal(Mid - 10 - 2, exit.Price); // bid − 2 ticks
        Assert.Equal(100, exit.Quantity);
        Assert.Equal(MeanReversion.ExitTag, exit.Tag);
        Assert.Equal(100, _h.Context.Position(_id));
    }

    [Fact]
    public void Sells_a_spike_with_a_market_order_when_configured()
    {
        var mr = new MeanReversion(Settings() with { UseMarketOrders = true });
        FillWindow(mr);
        _h.Send(mr, Trade(_id, Mid + 600, 50, Start + 5 * Second + 100 * Ms));
        var sell = Assert.Single(_h.Submits());
        Assert.Equal(Side.Sell, sell.Side);
        Assert.Equal(OrderType.Market, sell.Type);
        Assert.Equal(0, sell.Price);
        Assert.Equal(100, sell.Quantity);
    }

    [Fact]
    public void Holds_between_exit_and_entry_thresholds()
    {
        var mr = new MeanReversion(Settings());
        FillWindow(mr);
        _h.Orders.SetPosition(_id, 100);
        // z = (Mid − 100 − (Mid + 20)) / 98 ≈ −1.2: neither an entry nor an exit.
        _h.Send(mr, Trade(_id, Mid - 100, 50, Start + 5 * Second + 100 * Ms));
        Assert.Equal(0, _h.Intents.Count);
    }

    [Fact]
    public void No_signal_until_the_window_is_full()
    {
        var mr = new MeanReversion(Settings());
        _h.Send(mr, Quote(_id, Mid - 10, Mid + 10, Start));
        for (var i = 0; i < 4; i++)
        {
            _h.Send(mr, Trade(_id, Mid + (i % 2 == 0 ? 100 : -100), 50, Start + i * Second + 100 * Ms));
            _h.Send(mr, Timer(Start + (i + 1) * Second));
        }
        Assert.Equal(4, mr.Window.Count);
        _h.Send(mr, Trade(_id, Mid - 5_000, 50, Start + 4 * Second + 100 * Ms));
        Assert.Equal(0, _h.Intents.Count);
    }

    [Fact]
    public void Bars_close_on_the_first_timer_or_trade_after_the_boundary_and_empty_bars_are_skipped()
    {
        var mr = new MeanReversion(Settings());
        _h.Send(mr, Trade(_id, 1_000, 1, Start + 100 * Ms));
        _h.Send(mr, Trade(_id, 1_010, 1, Start + 500 * Ms));
        _h.Send(mr, Timer(Start + 900 * Ms));
        Assert.Equal(0, mr.Window.Count);

        // A trade after the boundary closes bar 0 (close 1_010) and opens bar 1 with itself.
        _h.Send(mr, Trade(_id, 1_040, 1, Start + 1_200 * Ms));
        Assert.Equal(1, mr.Window.Count);
        Assert.Equal(1_010, mr.Window.Mean, 9);

        // A timer closes bar 1 (close 1_040).
        _h.Send(mr, Timer(Start + 2_000 * Ms));
        Assert.Equal(2, mr.Window.Count);
        Assert.Equal(1_025, mr.Window.Mean, 9);

        // Bar 2 had no trades: skipped.
        _h.Send(mr, Timer(Start + 3_000 * Ms));
        Assert.Equal(2, mr.Window.Count);

        // Several boundaries passed without events: the bar with the trade still closes once.
        _h.Send(mr, Trade(_id, 1_070, 1, Start + 3_500 * Ms));
        _h.Send(mr, Timer(Start + 7_050 * Ms));
        Assert.Equal(3, mr.Window.Count);
        Assert.Equal(1_040, mr.Window.Mean, 9);
    }

    [Fact]
    public void Waits_for_an_open_order_and_cancels_it_when_stuck()
    {
        var mr = new MeanReversion(Settings());
        FillWindow(mr);
        var t = Start + 5 * Second;
        _h.Send(mr, Trade(_id, Mid - 500, 50, t + 100 * Ms));
        var buy = Assert.Single(_h.Submits());
        _h.Orders.Add(buy); // acknowledged, never filled

        _h.Send(mr, Trade(_id, Mid - 500, 50, t + 600 * Ms));
        Assert.Equal(0, _h.Intents.Count);
        _h.Send(mr, Timer(t + 5_099 * Ms));
        Assert.Empty(_h.Cancels());
        _h.Send(mr, Timer(t + 5_100 * Ms));
        Assert.Equal(buy.TargetClientOrderId, Assert.Single(_h.Cancels()).TargetClientOrderId);
    }

    [Fact]
    public void Does_not_trade_when_halted_or_on_a_stale_book()
    {
        var mr = new MeanReversion(Settings() with { MaxQuoteAgeNs = 2 * Second });
        FillWindow(mr);
        _h.Context.CanTrade = false;
        _h.Send(mr, Trade(_id, Mid - 500, 50, Start + 5 * Second + 100 * Ms));
        Assert.Equal(0, _h.Intents.Count);

        // The last quote is from Start + 4.1 s: at 6.2 s it is older than 2 s.
        _h.Context.CanTrade = true;
        _h.Send(mr, Trade(_id, Mid - 500, 50, Start + 6 * Second + 200 * Ms));
        Assert.Equal(0, _h.Intents.Count);
        // The 6.2 s trade closed the 5 s bar at Mid − 500 (mean Mid − 100, deviation ≈ 219): dip deeper.
        _h.Send(mr, Quote(_id, Mid - 10, Mid + 10, Start + 6 * Second + 300 * Ms));
        _h.Send(mr, Trade(_id, Mid - 1_000, 50, Start + 6 * Second + 400 * Ms));
        Assert.Equal(Side.Buy, Assert.Single(_h.Submits()).Side);
    }
}
