using TBot.Engine.Events;
using TBot.Engine.Orders;
using TBot.Engine.Risk;
using TBot.Engine.Trading;
using TBot.Host.Dashboard;

namespace TBot.Host.Tests.Dashboard;

/// <summary>The dashboard projection from crafted journal records: books, open orders, positions and PnL, bot states.</summary>
public sealed class DashboardProjectionTests
{
    private static readonly (int, string, string)[] Bots = [(1, "one", "market-maker"), (2, "two", "mean-reversion"), (3, "three", "cross-venue-spread")];

    [Fact]
    public async Task A_snapshot_replaces_the_book_deltas_move_it_and_depth_is_cut_at_the_asked_levels()
    {
        using var j = new DashboardJournal();
        var p = new DashboardProjection(j.Manifest);
        j.Level(1, MarketEventKind.BookDelta, Side.Buy, 1_000, 5); // before the snapshot: cleared by it
        for (var i = 0; i < 12; i++) j.Level(1, MarketEventKind.BookSnapshotLevel, Side.Buy, 10_000 - i, 100 + i, i == 0 ? EventFlags.FirstInMessage : EventFlags.None);
        for (var i = 0; i < 12; i++) j.Level(1, MarketEventKind.BookSnapshotLevel, Side.Sell, 10_010 + i, 200 + i);
        j.Level(1, MarketEventKind.BookDelta, Side.Buy, 10_000, 0);      // best bid removed
        j.Level(1, MarketEventKind.BookDelta, Side.Sell, 10_005, 7);     // a better ask
        j.Trade(1, 10_003, 1);
        await j.ApplyAsync(p);

        var book = p.Book(1, 10, out var version)!;
        Assert.True(version > 0);
        Assert.Equal("BTCUSDT@binance", book.Instrument);
        Assert.Equal(["99.99", "0.00101"], book.Bids[0]);
        Assert.Equal(["100.05", "0.00007"], book.Asks[0]);
        Assert.Equal(10, book.Bids.Count);
        Assert.Equal(10, book.Asks.Count);
        Assert.Equal(["99.9", "0.0011"], book.Bids[9]);   // 10 000 - 10, size 110: levels 1..10 after the removal
        Assert.Equal(("99.99", "0.00101", "100.05", "0.00007"), (book.Bid, book.BidSize, book.Ask, book.AskSize)); // from the book (no quote)
        Assert.Equal("100.03", book.Last);
        Assert.False(book.Stale);

        // A quote newer than the book is the top of book; a stale status shows.
        j.Quote(1, 10_001, 10_004, 300, 400);
        j.BookStatus(1, stale: true);
        await j.ApplyAsync(p);
        book = p.Book(1, 10, out var later)!;
        Assert.True(later > version);
        Assert.Equal(("100.01", "0.003", "100.04", "0.004"), (book.Bid, book.BidSize, book.Ask, book.AskSize));
        Assert.True(book.Stale);
        Assert.Equal(["99.99", "0.00101"], book.Bids[0]); // depth still the book's
        Assert.Equal(0, p.BookVersion(2));
    }

    [Fact]
    public async Task Orders_stay_open_until_filled_cancelled_or_rejected_and_show_what_is_filled()
    {
        using var j = new DashboardJournal();
        var p = new DashboardProjection(j.Manifest);
        j.Submitted(1, 1, 101, Side.Buy, 10_000, 300);
        j.Status(1, 1, 101, OrderStatus.New, OrderStatus.Submitted);
        j.Submitted(1, 1, 102, Side.Sell, 10_100, 100);
        j.Status(1, 1, 102, OrderStatus.New, OrderStatus.Submitted);
        j.Submitted(2, 2, 201, Side.Buy, 3_000, 50);
        j.Status(2, 2, 201, OrderStatus.New, OrderStatus.Submitted);
        j.Submitted(2, 2, 202, Side.Buy, 2_900, 50);
        await j.ApplyAsync(p);
        Assert.Equal(4, p.Orders(10).Count);
        var before = p.OrdersVersion;

        j.Status(1, 1, 101, OrderStatus.Submitted, OrderStatus.Accepted);
        j.Fill(1, 1, 101, Side.Buy, 10_000, 100, 10, OrderStatus.PartiallyFilled, 1);
        j.Fill(1, 1, 102, Side.Sell, 10_100, 100, 10, OrderStatus.Filled, 2);
        j.Status(2, 2, 201, OrderStatus.Submitted, OrderStatus.Cancelled);
        j.Status(2, 2, 202, OrderStatus.Submitted, OrderStatus.Rejected);
        await j.ApplyAsync(p);

        var orders = p.Orders(10);
        Assert.True(p.OrdersVersion > before);
        var open = Assert.Single(orders.Orders);
        Assert.Equal(1, orders.Count);
        Assert.Equal(("101", 1, "BTCUSDT@binance", "buy", "limit", "partially_filled"), (open.Id, open.Bot, open.Instrument, open.Side, open.Type, open.Status));
        Assert.Equal(("100", "0.003", "0.001"), (open.Price, open.Quantity, open.Filled));
        Assert.Empty(p.Orders(0).Orders);
    }

    [Fact]
    public async Task Positions_and_pnl_follow_the_fills_and_mark_at_the_projections_own_mid()
    {
        using var j = new DashboardJournal();
        var p = new DashboardProjection(j.Manifest);
        // Buy 2 @ 100.00 then sell 1 @ 110.00, fee 0.01 each (money has 8 dp): realised 10, one left at cost 100.
        j.Submitted(1, 1, 11, Side.Buy, 10_000, 200_000);
        j.Fill(1, 1, 11, Side.Buy, 10_000, 200_000, 1_000_000, OrderStatus.Filled, 1);
        j.Submitted(1, 1, 12, Side.Sell, 11_000, 100_000);
        j.Fill(1, 1, 12, Side.Sell, 11_000, 100_000, 1_000_000, OrderStatus.Filled, 2);
        // Bot 2 shorts 0.5 ETH at 30.00 on the other instrument; no quote there yet: marked at the last trade.
        j.Fill(2, 2, 21, Side.Sell, 3_000, 5_000, 0, OrderStatus.Filled, 3);
        j.Trade(2, 2_800, 1);
        j.Quote(1, 11_900, 12_100); // mid 120.00
        await j.ApplyAsync(p);

        var bots = p.Bots(Bots);
        Assert.Equal([1, 2, 3], bots.Bots.Select(b => b.Id));
        var one = bots.Bots[0];
        Assert.Equal(("one", "market-maker", "active"), (one.Name, one.Strategy, one.State));
        Assert.Equal(("10", "20", "0.02", "29.98"), (one.Realised, one.Unrealised, one.Fees, one.Total));
        var position = Assert.Single(one.Positions);
        Assert.Equal(("BTCUSDT@binance", "1", "100", 2L), (position.Instrument, position.Quantity, position.Cost, position.Fills));
        var two = bots.Bots[1];
        Assert.Equal(("0", "1", "0", "1"), (two.Realised, two.Unrealised, two.Fees, two.Total)); // short 0.5 from 30 to 28
        Assert.Equal("-0.5", Assert.Single(two.Positions).Quantity);
        Assert.Empty(bots.Bots[2].Positions);
        Assert.Equal("0", bots.Bots[2].Total);

        // The mark moves with the book: 0.5 short marked at mid 25.00 now.
        j.Quote(2, 2_400, 2_600);
        await j.ApplyAsync(p);
        Assert.Equal("2.5", p.Bots(Bots).Bots[1].Unrealised);
    }

    [Fact]
    public async Task Bot_states_come_from_kill_switches_and_operator_commands()
    {
        using var j = new DashboardJournal();
        var p = new DashboardProjection(j.Manifest);
        j.Control(0, ControlCommand.EnableTrading);
        j.KillSwitch(1, (byte)KillSwitchCause.DailyLossLimit, -500_000_000);
        j.Control(2, ControlCommand.PauseBot);
        j.KillSwitch(3, (byte)KillSwitchCause.Manual, 0);
        j.Control(3, ControlCommand.ResumeBot);
        await j.ApplyAsync(p);

        var bots = p.Bots(Bots);
        Assert.True(bots.TradingEnabled);
        Assert.Equal([("killed", "daily_loss_limit"), ("paused", null), ("active", null)], bots.Bots.Select(b => (b.State, b.KillCause)));

        j.Control(0, ControlCommand.DisableTrading);
        j.Control(2, ControlCommand.ResumeBot);
        await j.ApplyAsync(p);
        bots = p.Bots(Bots);
        Assert.False(bots.TradingEnabled);
        Assert.Equal(["killed", "active", "active"], bots.Bots.Select(b => b.State));
    }
}
