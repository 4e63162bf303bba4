using TBot.Engine.Events;
using TBot.Engine.Execution.Paper;
using TBot.Engine.Instruments;
using TBot.Engine.Orders;
using TBot.Engine.Tests.Execution;

namespace TBot.Engine.Tests.Backtest;

/// <summary>The bar fill model: candles only, orders fill on the next bar. BTCUSDT prices at 2 decimals (tick 0.01),
/// quantities at 3 (1 unit = 1 000); 1-minute bars stamped at their close.</summary>
public class BarFillTests
{
    private const long Minute = 60_000_000_000;
    private readonly PaperVenue _venue;

    public BarFillTests()
    {
        _venue = new PaperVenue(new PaperGatewayOptions { TakerFeeBps = 10, MakerFeeBps = 2, BarSlippageTicks = 2, BarVolumeFractionBps = 1_000 });
        _venue.Gateway.UseBarFills(_venue.Btc);
        _venue.Market.UseCandleQuotes(_venue.Btc, 1);
    }

    private void Bar(int minute, long open, long high, long low, long close, long volume) => _venue.Publish(new MarketEvent
    {
        Kind = MarketEventKind.Candle, Venue = Venue.Binance, InstrumentId = _venue.Btc, Open = open, High = high, Low = low,
        Price = close, Volume = volume, ReceiveTimeNs = PaperVenue.T0 + minute * Minute,
    });

    [Fact]
    public void Candles_give_a_two_sided_quote_one_tick_around_the_close()
    {
        Bar(1, 10_000, 10_100, 9_900, 10_050, 50_000);
        ref readonly var q = ref _venue.Market.Quote(_venue.Btc);
        Assert.Equal((10_049L, 10_051L, 10_050L), (q.Bid, q.Ask, q.Mid));
    }

    [Fact]
    public void A_market_order_decided_at_a_bar_close_fills_at_the_next_bars_open_plus_slippage_as_taker()
    {
        Bar(1, 10_000, 10_100, 9_900, 10_050, 50_000);
        _venue.Submit(_venue.MarketOrder(1, Side.Buy, 2_000));
        ReportAssert.Kind(ExecutionReportKind.Accepted, 1, Assert.Single(_venue.Recorded.Take())); // nothing fills on the synthetic quote
        Bar(2, 10_060, 10_200, 10_000, 10_150, 50_000);
        var fill = Assert.Single(_venue.Recorded.Take());
        // 100.60 + 2 ticks = 100.62; 100.62 × 2 = 201.24 USDT × 10 bps = 0.20124
        ReportAssert.Fill(fill, 1, price: 10_062, quantity: 2_000, cumulative: 2_000, maker: false, fee: 20_124_000);
    }

    [Fact]
    public void A_market_order_decided_mid_bar_fills_at_that_bars_close_and_the_rest_beyond_the_volume_cap_expires()
    {
        Bar(1, 10_000, 10_100, 9_900, 10_050, 50_000);
        _venue.Timer(Minute + Minute / 2);
        _venue.Submit(_venue.MarketOrder(1, Side.Sell, 8_000));
        _venue.Recorded.Take();
        Bar(2, 10_060, 10_200, 10_000, 10_150, 50_000); // cap: 10 % of 50 units = 5 units
        var reports = _venue.Recorded.Take();
        Assert.Equal(2, reports.Count);
        ReportAssert.Fill(reports[0], 1, price: 10_148, quantity: 5_000, cumulative: 5_000, maker: false, fee: PaperFees.Fee(Money.Notional(10_148, 2, 5_000, 3), PaperFees.RateFromBps(10)));
        ReportAssert.Kind(ExecutionReportKind.Expired, 1, reports[1]);
        Assert.Equal(0, _venue.Gateway.RestingCount);
    }

    [Fact]
    public void A_resting_limit_fills_at_its_price_as_maker_on_the_first_bar_whose_low_reaches_it()
    {
        Bar(1, 10_000, 10_100, 9_900, 10_050, 50_000);
        _venue.Submit(_venue.Limit(1, Side.Buy, 9_900, 1_000));
        _venue.Recorded.Take();
        Bar(2, 10_050, 10_100, 9_950, 10_000, 50_000); // low 99.50 > 99.00
        Assert.Empty(_venue.Recorded.Reports);
        Bar(3, 10_000, 10_020, 9_890, 9_950, 50_000);
        ReportAssert.Fill(Assert.Single(_venue.Recorded.Take()), 1, price: 9_900, quantity: 1_000, cumulative: 1_000, maker: true,
            fee: PaperFees.Fee(Money.Notional(9_900, 2, 1_000, 3), PaperFees.RateFromBps(2)));
    }

    [Fact]
    public void A_limit_the_next_bar_opens_through_fills_at_the_open_as_taker_and_an_unreached_ioc_expires()
    {
        Bar(1, 10_000, 10_100, 9_900, 10_050, 50_000);
        _venue.Submit(_venue.Limit(1, Side.Buy, 10_100, 1_000));
        _venue.Submit(_venue.Limit(2, Side.Sell, 10_300, 1_000, TimeInForce.Ioc));
        _venue.Recorded.Take();
        Bar(2, 10_080, 10_200, 10_000, 10_150, 50_000);
        var reports = _venue.Recorded.Take();
        Assert.Equal(2, reports.Count);
        ReportAssert.Fill(reports[0], 1, price: 10_080, quantity: 1_000, cumulative: 1_000, maker: false,
            fee: PaperFees.Fee(Money.Notional(10_080, 2, 1_000, 3), PaperFees.RateFromBps(10)));
        ReportAssert.Kind(ExecutionReportKind.Expired, 2, reports[1]);
    }

    [Fact]
    public void A_limit_decided_mid_bar_does_not_fill_on_the_range_of_that_bar()
    {
        Bar(1, 10_000, 10_100, 9_900, 10_050, 50_000);
        _venue.Timer(Minute + Minute / 2);
        _venue.Submit(_venue.Limit(1, Side.Buy, 9_950, 1_000));
        _venue.Recorded.Take();
        Bar(2, 10_050, 10_100, 9_900, 10_000, 50_000); // its low may have come before the order
        Assert.Empty(_venue.Recorded.Reports);
        Bar(3, 10_000, 10_010, 9_940, 9_990, 50_000);
        ReportAssert.Fill(Assert.Single(_venue.Recorded.Take()), 1, price: 9_950, quantity: 1_000, cumulative: 1_000, maker: true,
            fee: PaperFees.Fee(Money.Notional(9_950, 2, 1_000, 3), PaperFees.RateFromBps(2)));
    }
}
