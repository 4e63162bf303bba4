using TBot.Engine.Events;
using TBot.Engine.Execution.Paper;
using TBot.Engine.Instruments;
using TBot.Engine.Market;
using TBot.Engine.Orders;

namespace TBot.Engine.Tests.Execution;

/// <summary>Orders that take liquidity on arrival (latency 0): market, IOC, marketable GTC, and the validations.</summary>
public class PaperGatewayTakerTests
{
    private readonly PaperVenue _venue = new(new PaperGatewayOptions { TakerFeeBps = 10, MakerFeeBps = 2 });

    [Fact]
    public void Market_buy_walks_two_levels_then_the_remainder_expires()
    {
        _venue.Snapshot([(9_950, 1_000)], [(10_000, 1_000), (10_050, 2_000)]);

        _venue.Submit(_venue.MarketOrder(1, Side.Buy, 5_000));

        var r = _venue.Recorded.Take();
        Assert.Equal(4, r.Count);
        ReportAssert.Kind(ExecutionReportKind.Accepted, 1, r[0]);
        Assert.Equal(1, r[0].VenueOrderId);
        Assert.Equal(5_000, r[0].Quantity);
        Assert.Equal(0, r[0].Price);
        // 100.00 × 1.000 = 100 USDT → 10 bps = 0.1 USDT; 100.50 × 2.000 = 201 USDT → 0.201 USDT.
        ReportAssert.Fill(r[1], 1, price: 10_000, quantity: 1_000, cumulative: 1_000, maker: false, fee: 10_000_000);
        ReportAssert.Fill(r[2], 1, price: 10_050, quantity: 2_000, cumulative: 3_000, maker: false, fee: 20_100_000);
        Assert.Equal([1L, 2L], [r[1].TradeId, r[2].TradeId]);
        ReportAssert.Kind(ExecutionReportKind.Expired, 1, r[3]);
        Assert.Equal(3_000, r[3].CumulativeQuantity);
        Assert.Equal(5_000, r[3].Quantity);
        foreach (var report in r)
        {
            Assert.Equal(_venue.Btc, report.InstrumentId);
            Assert.Equal(Side.Buy, report.Side);
            Assert.Equal(OrderType.Market, report.OrderType);
            Assert.Equal(1, report.VenueOrderId);
            Assert.Equal(PaperVenue.T0, report.TimeNs);
        }
        Assert.Equal(0, _venue.Gateway.RestingCount);
    }

    [Fact]
    public void Market_sell_fully_filled_on_one_level_does_not_expire()
    {
        _venue.Snapshot([(9_950, 3_000), (9_900, 1_000)], [(10_000, 1_000)]);

        _venue.Submit(_venue.MarketOrder(2, Side.Sell, 2_000));

        var r = _venue.Recorded.Take();
        Assert.Equal(2, r.Count);
        ReportAssert.Kind(ExecutionReportKind.Accepted, 2, r[0]);
        ReportAssert.Fill(r[1], 2, price: 9_950, quantity: 2_000, cumulative: 2_000, maker: false, fee: 19_900_000);
    }

    [Fact]
    public void Taken_size_is_not_offered_again_until_the_venue_refreshes_the_level()
    {
        _venue.Snapshot([(9_950, 1_000)], [(10_000, 1_000), (10_050, 2_000)]);
        _venue.Submit(_venue.MarketOrder(1, Side.Buy, 2_500));
        _venue.Recorded.Take();

        // Same book: only 500 left at 100.50.
        _venue.Submit(_venue.MarketOrder(2, Side.Buy, 2_000));
        var r = _venue.Recorded.Take();
        Assert.Equal(3, r.Count);
        ReportAssert.Fill(r[1], 2, price: 10_050, quantity: 500, cumulative: 500, maker: false, fee: 5_025_000);
        ReportAssert.Kind(ExecutionReportKind.Expired, 2, r[2]);

        // The venue updates 100.00 (to 0.700): that level is offered in full again, 100.50 stays taken.
        _venue.Delta(Side.Sell, 10_000, 700);
        _venue.Submit(_venue.MarketOrder(3, Side.Buy, 1_000));
        r = _venue.Recorded.Take();
        Assert.Equal(3, r.Count);
        ReportAssert.Fill(r[1], 3, price: 10_000, quantity: 700, cumulative: 700, maker: false, fee: 7_000_000);
        ReportAssert.Kind(ExecutionReportKind.Expired, 3, r[2]);
    }

    [Fact]
    public void Ioc_limit_takes_what_crosses_and_expires_the_rest()
    {
        _venue.Snapshot([(9_950, 1_000)], [(10_000, 1_000), (10_010, 1_000)]);

        _venue.Submit(_venue.Limit(3, Side.Buy, 10_000, 3_000, TimeInForce.Ioc));

        var r = _venue.Recorded.Take();
        Assert.Equal(3, r.Count);
        ReportAssert.Kind(ExecutionReportKind.Accepted, 3, r[0]);
        Assert.Equal(10_000, r[0].Price);
        ReportAssert.Fill(r[1], 3, price: 10_000, quantity: 1_000, cumulative: 1_000, maker: false, fee: 10_000_000);
        ReportAssert.Kind(ExecutionReportKind.Expired, 3, r[2]);
        Assert.Equal(1_000, r[2].CumulativeQuantity);
        Assert.Equal(0, _venue.Gateway.RestingCount);
    }

    [Fact]
    public void Marketable_gtc_limit_takes_then_rests_the_remainder()
    {
        _venue.Snapshot([(9_950, 1_000)], [(10_000, 1_000), (10_010, 1_000), (10_020, 5_000)]);

        _venue.Submit(_venue.Limit(4, Side.Buy, 10_010, 3_000));

        var r = _venue.Recorded.Take();
        Assert.Equal(3, r.Count);
        ReportAssert.Fill(r[1], 4, price: 10_000, quantity: 1_000, cumulative: 1_000, maker: false, fee: 10_000_000);
        ReportAssert.Fill(r[2], 4, price: 10_010, quantity: 1_000, cumulative: 2_000, maker: false, fee: 10_010_000);
        Assert.True(_venue.Gateway.TryGetRestingOrder(4, out var resting));
        Assert.Equal(1_000, resting.Remaining);
        Assert.Equal(1, resting.VenueOrderId);
    }

    [Fact]
    public void Max_fill_fraction_caps_each_displayed_level()
    {
        var venue = new PaperVenue(new PaperGatewayOptions { MaxFillFractionBps = 5_000 });
        venue.Snapshot([(9_950, 1_000)], [(10_000, 1_000), (10_010, 3_000)]);

        venue.Submit(venue.MarketOrder(1, Side.Buy, 3_000));

        var r = venue.Recorded.Take();
        Assert.Equal(4, r.Count);
        ReportAssert.Fill(r[1], 1, price: 10_000, quantity: 500, cumulative: 500, maker: false, fee: 0);
        ReportAssert.Fill(r[2], 1, price: 10_010, quantity: 1_500, cumulative: 2_000, maker: false, fee: 0);
        ReportAssert.Kind(ExecutionReportKind.Expired, 1, r[3]);
    }

    [Fact]
    public void Top_of_book_quote_is_the_liquidity_when_the_book_has_no_levels()
    {
        _venue.Quote(9_900, 1_000, 10_000, 400);

        _venue.Submit(_venue.MarketOrder(1, Side.Buy, 1_000));

        var r = _venue.Recorded.Take();
        Assert.Equal(3, r.Count);
        ReportAssert.Fill(r[1], 1, price: 10_000, quantity: 400, cumulative: 400, maker: false, fee: 4_000_000);
        ReportAssert.Kind(ExecutionReportKind.Expired, 1, r[2]);
    }

    [Fact]
    public void Post_only_that_would_cross_is_rejected_and_one_that_would_not_rests()
    {
        _venue.Quote(9_900, 1_000, 10_000, 1_000);

        _venue.Submit(_venue.Limit(1, Side.Buy, 10_000, 500, TimeInForce.PostOnly));
        _venue.Submit(_venue.Limit(2, Side.Sell, 9_900, 500, TimeInForce.PostOnly));
        _venue.Submit(_venue.Limit(3, Side.Buy, 9_990, 500, TimeInForce.PostOnly));

        var r = _venue.Recorded.Take();
        Assert.Equal(3, r.Count);
        ReportAssert.Kind(ExecutionReportKind.Rejected, 1, r[0]);
        Assert.Equal(PaperRejectCodes.PostOnlyWouldCross, r[0].Code);
        Assert.Equal(0, r[0].VenueOrderId);
        ReportAssert.Kind(ExecutionReportKind.Rejected, 2, r[1]);
        Assert.Equal(PaperRejectCodes.PostOnlyWouldCross, r[1].Code);
        ReportAssert.Kind(ExecutionReportKind.Accepted, 3, r[2]);
        Assert.Equal(1, r[2].VenueOrderId);
        Assert.Equal(1, _venue.Gateway.RestingCount);
    }

    [Fact]
    public void Orders_without_a_quote_or_on_a_stale_book_are_rejected()
    {
        _venue.Submit(_venue.Limit(1, Side.Buy, 9_900, 500));

        _venue.Snapshot([(9_950, 1_000)], [(10_000, 1_000)]);
        _venue.Publish(new MarketEvent
        {
            Kind = MarketEventKind.BookStatus, InstrumentId = _venue.Btc, Flags = EventFlags.Stale, ReceiveTimeNs = _venue.Now,
        });
        _venue.Submit(_venue.MarketOrder(2, Side.Buy, 500));

        var r = _venue.Recorded.Take();
        Assert.Equal(2, r.Count);
        ReportAssert.Kind(ExecutionReportKind.Rejected, 1, r[0]);
        Assert.Equal(PaperRejectCodes.NoQuote, r[0].Code);
        ReportAssert.Kind(ExecutionReportKind.Rejected, 2, r[1]);
        Assert.Equal(PaperRejectCodes.NoQuote, r[1].Code);
    }

    [Fact]
    public void Malformed_orders_are_rejected_with_their_codes()
    {
        _venue.Quote(9_900, 1_000, 10_000, 1_000);

        _venue.Submit(_venue.Limit(1, Side.Buy, 9_900, 0));
        _venue.Submit(_venue.Limit(2, Side.Buy, 0, 500));
        _venue.Submit(_venue.Limit(3, Side.None, 9_900, 500));
        var unknown = _venue.Limit(4, Side.Buy, 9_900, 500);
        unknown.InstrumentId = 99;
        _venue.Submit(unknown);
        var postOnlyMarket = _venue.MarketOrder(5, Side.Buy, 500);
        postOnlyMarket.TimeInForce = TimeInForce.PostOnly;
        _venue.Submit(postOnlyMarket);

        var r = _venue.Recorded.Take();
        Assert.All(r, x => Assert.Equal(ExecutionReportKind.Rejected, x.Kind));
        Assert.Equal(
            [PaperRejectCodes.InvalidQuantity, PaperRejectCodes.InvalidPrice, PaperRejectCodes.InvalidOrderType,
             PaperRejectCodes.UnknownInstrument, PaperRejectCodes.InvalidOrderType],
            r.Select(x => x.Code).ToArray());
    }

    [Fact]
    public void Quantity_off_the_step_size_is_rejected()
    {
        var venue = new PaperVenue(new PaperGatewayOptions());
        var eth = venue.Instruments.Add(Venue.Binance, "ETHUSDT", 2, 4, tickSize: 5, stepSize: 10).Id;
        var market = new MarketState(venue.Instruments);
        var gateway = new PaperGateway(venue.Instruments, market, new PaperGatewayOptions());
        var sink = new RecordingReportSink();
        var quote = new MarketEvent { Kind = MarketEventKind.Quote, InstrumentId = eth, Bid = 300_000, BidSize = 10_000, Ask = 300_005, AskSize = 10_000 };
        market.Apply(in quote);
        gateway.OnMarketEvent(in quote, 1, sink);

        Order Make(long id, long price, long quantity) => new()
        {
            ClientOrderId = id, InstrumentId = eth, Side = Side.Buy, Type = OrderType.Limit, Price = price, Quantity = quantity,
        };
        gateway.Submit(Make(1, 299_990, 15), 0, sink);
        gateway.Submit(Make(2, 299_992, 20), 0, sink);
        gateway.Submit(Make(3, 299_990, 20), 0, sink);

        Assert.Equal(PaperRejectCodes.InvalidQuantity, sink.Reports[0].Code);
        Assert.Equal(PaperRejectCodes.InvalidPrice, sink.Reports[1].Code);
        Assert.Equal(ExecutionReportKind.Accepted, sink.Reports[2].Kind);
    }

    [Fact]
    public void A_limit_order_that_could_rest_beyond_capacity_is_rejected_but_an_ioc_is_not()
    {
        var venue = new PaperVenue(new PaperGatewayOptions { Capacity = 2 });
        venue.Quote(9_900, 1_000, 10_000, 1_000);

        venue.Submit(venue.Limit(1, Side.Buy, 9_800, 100));
        venue.Submit(venue.Limit(2, Side.Buy, 9_800, 100));
        venue.Submit(venue.Limit(3, Side.Buy, 9_800, 100));
        venue.Submit(venue.Limit(4, Side.Buy, 10_000, 100, TimeInForce.Ioc));

        var r = venue.Recorded.Take();
        Assert.Equal(ExecutionReportKind.Rejected, r[2].Kind);
        Assert.Equal(PaperRejectCodes.CapacityExceeded, r[2].Code);
        ReportAssert.Kind(ExecutionReportKind.Accepted, 4, r[3]);
        ReportAssert.Kind(ExecutionReportKind.Fill, 4, r[4]);
        Assert.Equal(2, venue.Gateway.RestingCount);
    }

    [Fact]
    public void Trade_and_venue_order_ids_strictly_increase_across_orders()
    {
        _venue.Snapshot([(9_950, 5_000), (9_940, 5_000)], [(10_000, 1_000), (10_010, 1_000), (10_020, 1_000)]);

        _venue.Submit(_venue.MarketOrder(1, Side.Buy, 1_500));
        _venue.Submit(_venue.MarketOrder(2, Side.Sell, 6_000));
        _venue.Submit(_venue.Limit(3, Side.Buy, 10_020, 1_000));
        _venue.Delta(Side.Sell, 10_000, 5_000);
        _venue.Submit(_venue.MarketOrder(4, Side.Buy, 100));

        var r = _venue.Recorded.Take();
        var tradeIds = r.Where(x => x.Kind == ExecutionReportKind.Fill).Select(x => x.TradeId).ToArray();
        Assert.Equal(Enumerable.Range(1, tradeIds.Length).Select(i => (long)i).ToArray(), tradeIds);
        Assert.True(tradeIds.Length >= 6, $"only {tradeIds.Length} fills");
        var venueIds = r.Where(x => x.Kind == ExecutionReportKind.Accepted).Select(x => x.VenueOrderId).ToArray();
        Assert.Equal([1L, 2L, 3L, 4L], venueIds);
        Assert.Equal(_venue.Gateway.LastTradeId, tradeIds[^1]);
    }
}
