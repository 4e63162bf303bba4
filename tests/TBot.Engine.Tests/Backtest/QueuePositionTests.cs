using TBot.Engine.Events;
using TBot.Engine.Execution.Paper;
using TBot.Engine.Orders;
using TBot.Engine.Tests.Execution;

namespace TBot.Engine.Tests.Backtest;

/// <summary>Queue-position-aware limit fills (<see cref="PaperGatewayOptions.QueuePosition"/>). BTCUSDT: prices at 2
/// decimals, quantities at 3 (1 unit = 1 000).</summary>
public class QueuePositionTests
{
    private readonly PaperVenue _venue = new(new PaperGatewayOptions { QueuePosition = true, MakerFeeBps = 0, TakerFeeBps = 0 });

    /// <summary>A buy joining the 100.00 bid behind 5 units.</summary>
    private void RestBehindFive()
    {
        _venue.Quote(10_000, 5_000, 10_010, 5_000, at: 0);
        _venue.Submit(_venue.Limit(1, Side.Buy, 10_000, 2_000));
        ReportAssert.Kind(ExecutionReportKind.Accepted, 1, Assert.Single(_venue.Recorded.Take()));
        Assert.True(_venue.Gateway.TryGetRestingOrder(1, out var o));
        Assert.Equal(5_000, o.QueueAhead);
    }

    [Fact]
    public void An_order_behind_five_units_fills_only_after_five_units_traded_at_its_price()
    {
        RestBehindFive();
        _venue.Trade(10_000, 3_000, Side.Sell, at: 10);
        _venue.Trade(10_000, 2_000, Side.Sell, at: 20);
        Assert.Empty(_venue.Recorded.Reports); // exactly the 5 units ahead traded
        _venue.Trade(10_000, 1_500, Side.Sell, at: 30);
        ReportAssert.Fill(Assert.Single(_venue.Recorded.Take()), 1, price: 10_000, quantity: 1_500, cumulative: 1_500, maker: true, fee: 0);
        _venue.Trade(10_000, 1_000, Side.Sell, at: 40);
        ReportAssert.Fill(Assert.Single(_venue.Recorded.Take()), 1, price: 10_000, quantity: 500, cumulative: 2_000, maker: true, fee: 0);
    }

    [Fact]
    public void Without_the_queue_model_the_same_first_print_fills_at_once()
    {
        var venue = new PaperVenue(new PaperGatewayOptions());
        venue.Quote(10_000, 5_000, 10_010, 5_000, at: 0);
        venue.Submit(venue.Limit(1, Side.Buy, 10_000, 2_000));
        venue.Recorded.Take();
        venue.Trade(10_000, 3_000, Side.Sell, at: 10);
        ReportAssert.Fill(Assert.Single(venue.Recorded.Take()), 1, price: 10_000, quantity: 2_000, cumulative: 2_000, maker: true, fee: 0);
    }

    [Fact]
    public void A_smaller_level_leaves_at_most_its_new_size_ahead_cancels_from_the_back()
    {
        RestBehindFive();
        _venue.Quote(10_000, 7_000, 10_010, 5_000, at: 10); // size joined behind us: still 5 ahead
        Assert.True(_venue.Gateway.TryGetRestingOrder(1, out var o));
        Assert.Equal(5_000, o.QueueAhead);
        _venue.Quote(10_000, 2_000, 10_010, 5_000, at: 20); // 5 units left the level: at most 2 ahead
        Assert.True(_venue.Gateway.TryGetRestingOrder(1, out o));
        Assert.Equal(2_000, o.QueueAhead);
        _venue.Trade(10_000, 3_000, Side.Sell, at: 30);
        ReportAssert.Fill(Assert.Single(_venue.Recorded.Take()), 1, price: 10_000, quantity: 1_000, cumulative: 1_000, maker: true, fee: 0);
    }

    [Fact]
    public void Prints_by_buyers_at_our_bid_do_not_move_our_queue_but_a_print_through_our_price_fills()
    {
        RestBehindFive();
        _venue.Trade(10_000, 9_000, Side.Buy, at: 10); // a buyer's print: not the bid queue being hit
        Assert.Empty(_venue.Recorded.Reports);
        _venue.Trade(9_990, 1_000, Side.Sell, at: 20); // traded below our price: the whole level went
        ReportAssert.Fill(Assert.Single(_venue.Recorded.Take()), 1, price: 10_000, quantity: 1_000, cumulative: 1_000, maker: true, fee: 0);
    }

    [Fact]
    public void When_the_best_bid_falls_below_our_price_the_queue_is_gone_and_an_ask_at_our_price_fills_us()
    {
        RestBehindFive();
        _venue.Quote(9_990, 4_000, 10_010, 5_000, at: 10);
        Assert.True(_venue.Gateway.TryGetRestingOrder(1, out var o));
        Assert.Equal(0, o.QueueAhead);
        _venue.Quote(9_990, 4_000, 10_000, 1_200, at: 20);
        ReportAssert.Fill(Assert.Single(_venue.Recorded.Take()), 1, price: 10_000, quantity: 1_200, cumulative: 1_200, maker: true, fee: 0);
    }

    [Fact]
    public void On_book_data_the_queue_is_the_level_size_and_follows_deltas_at_that_level()
    {
        _venue.Snapshot([(10_000, 4_000), (9_990, 1_000)], [(10_010, 3_000)], at: 0);
        _venue.Submit(_venue.Limit(1, Side.Buy, 9_990, 1_000));
        _venue.Recorded.Take();
        Assert.True(_venue.Gateway.TryGetRestingOrder(1, out var o));
        Assert.Equal(1_000, o.QueueAhead);
        _venue.Delta(Side.Buy, 9_990, 300, at: 10);
        Assert.True(_venue.Gateway.TryGetRestingOrder(1, out o));
        Assert.Equal(300, o.QueueAhead);
        _venue.Delta(Side.Buy, 9_990, 0, at: 20); // the level emptied: nobody ahead
        Assert.True(_venue.Gateway.TryGetRestingOrder(1, out o));
        Assert.Equal(0, o.QueueAhead);
        _venue.Trade(9_990, 400, Side.Sell, at: 30);
        ReportAssert.Fill(Assert.Single(_venue.Recorded.Take()), 1, price: 9_990, quantity: 400, cumulative: 400, maker: true, fee: 0);
    }
}
