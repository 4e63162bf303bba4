using TBot.Engine.Events;
using TBot.Engine.Execution.Paper;
using TBot.Engine.Orders;

namespace TBot.Engine.Tests.Execution;

/// <summary>Resting orders filling as makers at their own price when the market crosses them.</summary>
public class PaperGatewayMakerTests
{
    private readonly PaperVenue _venue = new(new PaperGatewayOptions { TakerFeeBps = 10, MakerFeeBps = 2 });

    [Fact]
    public void Limit_buy_rests_then_fills_at_its_price_when_the_ask_drops_through_it()
    {
        _venue.Quote(9_900, 1_000, 10_100, 1_000, at: 0);
        _venue.Submit(_venue.Limit(7, Side.Buy, 10_000, 2_000));
        var accepted = Assert.Single(_venue.Recorded.Take());
        ReportAssert.Kind(ExecutionReportKind.Accepted, 7, accepted);

        _venue.Quote(9_900, 1_000, 10_050, 1_000, at: 10);
        Assert.Empty(_venue.Recorded.Reports);

        _venue.Quote(9_900, 1_000, 9_950, 1_500, at: 20);
        var first = Assert.Single(_venue.Recorded.Take());
        // Maker at its own 100.00, not at the ask: 100.00 × 1.500 = 150 USDT → 2 bps = 0.03 USDT.
        ReportAssert.Fill(first, 7, price: 10_000, quantity: 1_500, cumulative: 1_500, maker: true, fee: 3_000_000);
        Assert.Equal(PaperVenue.T0 + 20, first.TimeNs);

        _venue.Quote(9_900, 1_000, 9_980, 5_000, at: 30);
        var second = Assert.Single(_venue.Recorded.Take());
        ReportAssert.Fill(second, 7, price: 10_000, quantity: 500, cumulative: 2_000, maker: true, fee: 1_000_000);
        Assert.True(second.TradeId > first.TradeId);
        Assert.Equal(0, _venue.Gateway.RestingCount);

        _venue.Quote(9_900, 1_000, 9_950, 5_000, at: 40);
        Assert.Empty(_venue.Recorded.Reports);
    }

    [Fact]
    public void Resting_sell_fills_up_to_the_size_of_all_crossing_book_levels()
    {
        _venue.Snapshot([(9_900, 1_000)], [(10_100, 1_000)], at: 0);
        _venue.Submit(_venue.Limit(1, Side.Sell, 10_000, 5_000));
        _venue.Recorded.Take();

        // Bids jump to 100.20 (0.800) and 100.10 (1.000), which cross the 100.00 sell; 99.00 does not.
        _venue.Snapshot([(10_020, 800), (10_010, 1_000), (9_900, 1_000)], [(10_100, 1_000)], at: 10);

        var fill = Assert.Single(_venue.Recorded.Take());
        ReportAssert.Fill(fill, 1, price: 10_000, quantity: 1_800, cumulative: 1_800, maker: true, fee: 3_600_000);
        Assert.True(_venue.Gateway.TryGetRestingOrder(1, out var rest));
        Assert.Equal(3_200, rest.Remaining);

        // A delta elsewhere: the taken levels stay taken, nothing fills.
        _venue.Delta(Side.Sell, 10_200, 1_000, at: 20);
        Assert.Empty(_venue.Recorded.Reports);

        // The venue refreshes 100.10: it is offered again.
        _venue.Delta(Side.Buy, 10_010, 600, at: 30);
        ReportAssert.Fill(Assert.Single(_venue.Recorded.Take()), 1, price: 10_000, quantity: 600, cumulative: 2_400, maker: true, fee: 1_200_000);
    }

    [Fact]
    public void A_trade_printing_at_or_through_the_price_fills_the_resting_order()
    {
        _venue.Quote(9_900, 1_000, 10_000, 1_000, at: 0);
        _venue.Submit(_venue.Limit(1, Side.Sell, 10_100, 1_000));
        _venue.Submit(_venue.Limit(2, Side.Buy, 9_800, 1_000));
        _venue.Recorded.Take();

        _venue.Trade(10_050, 5_000, Side.Buy, at: 10);
        _venue.Trade(9_850, 5_000, Side.Sell, at: 20);
        Assert.Empty(_venue.Recorded.Reports);

        _venue.Trade(10_100, 400, Side.Buy, at: 30);
        ReportAssert.Fill(Assert.Single(_venue.Recorded.Take()), 1, price: 10_100, quantity: 400, cumulative: 400, maker: true, fee: 808_000);

        _venue.Trade(10_200, 5_000, Side.Buy, at: 40);
        ReportAssert.Fill(Assert.Single(_venue.Recorded.Take()), 1, price: 10_100, quantity: 600, cumulative: 1_000, maker: true, fee: 1_212_000);

        _venue.Trade(9_700, 300, Side.Sell, at: 50);
        ReportAssert.Fill(Assert.Single(_venue.Recorded.Take()), 2, price: 9_800, quantity: 300, cumulative: 300, maker: true, fee: 588_000);
        Assert.Equal(1, _venue.Gateway.RestingCount);
    }

    [Fact]
    public void Crossing_liquidity_is_shared_in_price_then_time_priority()
    {
        _venue.Quote(9_900, 1_000, 10_100, 1_000, at: 0);
        _venue.Submit(_venue.Limit(1, Side.Buy, 10_000, 1_000));
        _venue.Submit(_venue.Limit(2, Side.Buy, 10_050, 1_000));
        _venue.Submit(_venue.Limit(3, Side.Buy, 10_050, 1_000));
        _venue.Recorded.Take();

        _venue.Quote(9_900, 1_000, 10_000, 1_500, at: 10);

        var r = _venue.Recorded.Take();
        Assert.Equal(2, r.Count);
        ReportAssert.Fill(r[0], 2, price: 10_050, quantity: 1_000, cumulative: 1_000, maker: true, fee: 2_010_000);
        ReportAssert.Fill(r[1], 3, price: 10_050, quantity: 500, cumulative: 500, maker: true, fee: 1_005_000);

        // The same trade print is shared too: 0.700 goes to #3 (0.500 left) then #1.
        _venue.Trade(9_990, 700, Side.Sell, at: 20);
        r = _venue.Recorded.Take();
        Assert.Equal(2, r.Count);
        ReportAssert.Fill(r[0], 3, price: 10_050, quantity: 500, cumulative: 1_000, maker: true, fee: 1_005_000);
        ReportAssert.Fill(r[1], 1, price: 10_000, quantity: 200, cumulative: 200, maker: true, fee: 400_000);
    }

    [Fact]
    public void An_order_does_not_match_again_on_the_event_it_came_to_rest_on()
    {
        var venue = new PaperVenue(new PaperGatewayOptions { LatencyNs = 100 });
        venue.Quote(9_900, 1_000, 10_100, 1_000, at: 0);
        venue.Submit(venue.Limit(1, Side.Buy, 10_000, 1_000));

        // It arrives on this trade (time 100) and rests: the print does not also fill it.
        venue.Trade(9_950, 1_000, Side.Sell, at: 100);
        var accepted = Assert.Single(venue.Recorded.Take());
        ReportAssert.Kind(ExecutionReportKind.Accepted, 1, accepted);

        venue.Trade(9_950, 1_000, Side.Sell, at: 110);
        ReportAssert.Fill(Assert.Single(venue.Recorded.Take()), 1, price: 10_000, quantity: 1_000, cumulative: 1_000, maker: true, fee: 0);
    }

    [Fact]
    public void Maker_and_taker_fees_are_exact_including_rounding_and_rebates()
    {
        var venue = new PaperVenue(new PaperGatewayOptions { TakerFeeBps = 7.5m, MakerFeeBps = -1 });
        venue.Quote(12_300, 1_000, 12_345, 1_000, at: 0);

        // 123.45 × 0.007 = 0.86415 USDT = 86 415 000 units; × 7.5 bps = 64 811.25 → 64 811.
        venue.Submit(venue.MarketOrder(1, Side.Buy, 7));
        // A buy at 123.00 does not reach the 123.45 ask: it rests.
        venue.Submit(venue.Limit(2, Side.Buy, 12_300, 3));
        var r = venue.Recorded.Take();
        ReportAssert.Fill(r[1], 1, price: 12_345, quantity: 7, cumulative: 7, maker: false, fee: 64_811);

        // 123.00 × 0.003 = 0.369 USDT = 36 900 000 units; × −1 bps = −3 690 (a rebate).
        venue.Trade(12_300, 3, Side.Sell, at: 10);
        ReportAssert.Fill(Assert.Single(venue.Recorded.Take()), 2, price: 12_300, quantity: 3, cumulative: 3, maker: true, fee: -3_690);
        Assert.Equal(64_811, venue.ExpectedFee(12_345, 7, 7.5m));
    }
}
