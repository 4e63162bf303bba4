using TBot.Engine.Events;
using TBot.Engine.Orders;
using TBot.Engine.Strategy;
using static TBot.Engine.Tests.Strategy.StrategyHarness;

namespace TBot.Engine.Tests.Strategy;

public class CrossVenueSpreadTests
{
    // A = BTCUSDT@binance: prices at 2 decimals, sizes at 5. B = BTC-USDT@okx: prices at 1 decimal, sizes at 8.
    private const long OneBtcA = 100_000;
    private const long OneBtcB = 100_000_000;
    private readonly StrategyHarness _h = new();
    private readonly int _a;
    private readonly int _b;

    public CrossVenueSpreadTests()
    {
        _a = _h.Btc.Id;
        _b = _h.OkxBtc.Id;
    }

    private CrossVenueSpreadSettings Settings() => new()
    {
        InstrumentA = _h.Btc,
        InstrumentB = _h.OkxBtc,
        ThresholdMicroBps = 1 * BasisPoints.Micro,
        TakerFeeAMicroBps = 2 * BasisPoints.Micro,
        TakerFeeBMicroBps = 3 * BasisPoints.Micro,
        OrderSize = 100_000, // 0.001 at the common scale (8)
        MaxPosition = 200_000, // 0.002
        MaxQuoteAgeNs = Second,
        CooldownNs = 500 * Ms,
        FlattenNet = true,
        SlippageTicks = 2,
    };

    private void QuoteA(CrossVenueSpread s, long bid, long ask, long time, long bidSize = OneBtcA, long askSize = OneBtcA) =>
        _h.Send(s, Quote(_a, bid, ask, time, bidSize, askSize));

    private void QuoteB(CrossVenueSpread s, long bid, long ask, long time, long bidSize = OneBtcB, long askSize = OneBtcB) =>
        _h.Send(s, Quote(_b, bid, ask, time, bidSize, askSize));

    [Fact]
    public void Common_step_and_scale_cover_both_venues()
    {
        var settings = Settings();
        Assert.Equal(8, settings.QuantityScale);
        Assert.Equal(1_000, settings.CommonStep); // Binance's step 0.00001 at 8 decimals
    }

    [Fact]
    public void Fires_only_when_the_edge_beats_threshold_plus_both_fees()
    {
        var s = new CrossVenueSpread(Settings());
        QuoteB(s, 499_900, 500_000, Start); // 49,990.0 / 50,000.0
        // Needed: bid_A·(1 − 2 bps) > 50,000·(1 + 3 bps + 1 bps) = 50,020. 50,030.00·0.9998 = 50,019.994: not enough.
        QuoteA(s, 5_003_000, 5_003_100, Start + Ms);
        Assert.Equal(0, _h.Intents.Count);

        QuoteA(s, 5_003_100, 5_003_200, Start + 2 * Ms); // 50,031.00·0.9998 = 50,020.99
        var submits = _h.Submits();
        Assert.Equal(2, submits.Count);
        var sell = Assert.Single(submits, x => x.Side == Side.Sell);
        var buy = Assert.Single(submits, x => x.Side == Side.Buy);
        Assert.Equal(_a, sell.InstrumentId);
        Assert.Equal(5_003_100, sell.Price);
        Assert.Equal(100, sell.Quantity); // 0.001 at 5 decimals
        Assert.Equal(_b, buy.InstrumentId);
        Assert.Equal(500_000, buy.Price);
        Assert.Equal(100_000, buy.Quantity); // 0.001 at 8 decimals
        Assert.All(submits, x => Assert.Equal(TimeInForce.Ioc, x.TimeInForce));
        Assert.All(submits, x => Assert.Equal(OrderType.Limit, x.Type));
        Assert.Equal(CrossVenueSpread.SellLegTag, sell.Tag);
        Assert.Equal(CrossVenueSpread.BuyLegTag, buy.Tag);
    }

    [Fact]
    public void Trades_the_other_direction_too()
    {
        var s = new CrossVenueSpread(Settings());
        QuoteA(s, 4_999_900, 5_000_000, Start);
        QuoteB(s, 500_400, 500_500, Start + Ms); // B's bid 50,040.0 over A's ask 50,000.00
        var submits = _h.Submits();
        Assert.Equal(_b, Assert.Single(submits, x => x.Side == Side.Sell).InstrumentId);
        Assert.Equal(_a, Assert.Single(submits, x => x.Side == Side.Buy).InstrumentId);
    }

    [Fact]
    public void Size_is_the_smallest_of_the_parameter_and_both_top_sizes_on_a_step_both_venues_accept()
    {
        var s = new CrossVenueSpread(Settings());
        QuoteB(s, 499_900, 500_000, Start, askSize: 12_345); // 0.00012345 BTC offered on B
        QuoteA(s, 5_010_000, 5_010_100, Start + Ms);
        var submits = _h.Submits();
        Assert.Equal(12, Assert.Single(submits, x => x.Side == Side.Sell).Quantity); // 0.00012 on A
        Assert.Equal(12_000, Assert.Single(submits, x => x.Side == Side.Buy).Quantity); // 0.00012000 on B
    }

    [Fact]
    public void Does_not_fire_on_a_stale_quote()
    {
        var s = new CrossVenueSpread(Settings());
        QuoteB(s, 499_900, 500_000, Start);
        QuoteA(s, 5_010_000, 5_010_100, Start + 1_500 * Ms); // B's quote is 1.5 s old
        Assert.Equal(0, _h.Intents.Count);
        QuoteB(s, 499_900, 500_000, Start + 1_600 * Ms);
        Assert.Equal(2, _h.Submits().Count);
    }

    [Fact]
    public void Keeps_each_venue_within_max_position()
    {
        var s = new CrossVenueSpread(Settings());
        // Already short 0.0015 on A and long 0.0015 on B (net flat): only 0.0005 more fits.
        _h.Orders.SetPosition(_a, -150);
        _h.Orders.SetPosition(_b, 150_000);
        QuoteB(s, 499_900, 500_000, Start);
        QuoteA(s, 5_010_000, 5_010_100, Start + Ms);
        var submits = _h.Submits();
        Assert.Equal(50, Assert.Single(submits, x => x.Side == Side.Sell).Quantity);
        Assert.Equal(50_000, Assert.Single(submits, x => x.Side == Side.Buy).Quantity);

        var full = new StrategyHarness();
        var s2 = new CrossVenueSpread(Settings() with { InstrumentA = full.Btc, InstrumentB = full.OkxBtc });
        full.Orders.SetPosition(full.Btc.Id, -200);
        full.Orders.SetPosition(full.OkxBtc.Id, 200_000);
        full.Send(s2, Quote(full.OkxBtc.Id, 499_900, 500_000, Start, OneBtcB, OneBtcB));
        full.Send(s2, Quote(full.Btc.Id, 5_010_000, 5_010_100, Start + Ms, OneBtcA, OneBtcA));
        Assert.Equal(0, full.Intents.Count);
    }

    [Fact]
    public void One_pair_at_a_time_and_a_cooldown_between_pairs()
    {
        var s = new CrossVenueSpread(Settings());
        QuoteB(s, 499_900, 500_000, Start);
        QuoteA(s, 5_010_000, 5_010_100, Start + Ms);
        var legs = _h.Submits();
        Assert.Equal(2, legs.Count);
        foreach (var leg in legs) _h.Orders.Add(leg);

        // Legs still open: nothing.
        QuoteA(s, 5_010_000, 5_010_100, Start + 2 * Ms);
        Assert.Equal(0, _h.Intents.Count);

        // Legs filled (net flat), but within the cooldown.
        foreach (var leg in legs) _h.Orders.Fill(leg.TargetClientOrderId);
        QuoteA(s, 5_010_000, 5_010_100, Start + 400 * Ms);
        Assert.Equal(0, _h.Intents.Count);

        QuoteA(s, 5_010_000, 5_010_100, Start + 501 * Ms);
        Assert.Equal(2, _h.Submits().Count);
    }

    [Fact]
    public void Flattens_a_net_position_left_by_a_missed_leg()
    {
        var s = new CrossVenueSpread(Settings());
        QuoteB(s, 499_900, 500_000, Start);
        QuoteA(s, 5_010_000, 5_010_100, Start + Ms);
        var legs = _h.Submits();
        // The sell on A filled, the buy on B expired: short 0.001 net.
        var sellA = Assert.Single(legs, x => x.Side == Side.Sell);
        var buyB = Assert.Single(legs, x => x.Side == Side.Buy);
        _h.Orders.Add(sellA);
        _h.Orders.Fill(sellA.TargetClientOrderId);
        _h.Orders.Add(buyB, OrderStatus.Expired);

        QuoteA(s, 5_000_000, 5_000_100, Start + 600 * Ms); // no arbitrage any more
        var flatten = Assert.Single(_h.Submits());
        Assert.Equal(_a, flatten.InstrumentId); // where we are short
        Assert.Equal(Side.Buy, flatten.Side);
        Assert.Equal(100, flatten.Quantity);
        Assert.Equal(5_000_100 + 2, flatten.Price); // ask + 2 ticks
        Assert.Equal(TimeInForce.Ioc, flatten.TimeInForce);
        Assert.Equal(CrossVenueSpread.FlattenTag, flatten.Tag);
    }

    [Fact]
    public void Flattens_a_net_long_on_the_longest_venue()
    {
        var s = new CrossVenueSpread(Settings());
        _h.Orders.SetPosition(_b, 100_000);
        QuoteA(s, 4_999_900, 5_000_000, Start);
        QuoteB(s, 499_900, 500_000, Start + Ms);
        var flatten = Assert.Single(_h.Submits());
        Assert.Equal(_b, flatten.InstrumentId);
        Assert.Equal(Side.Sell, flatten.Side);
        Assert.Equal(100_000, flatten.Quantity);
        Assert.Equal(499_900 - 2, flatten.Price);

        var off = new StrategyHarness();
        var s2 = new CrossVenueSpread(Settings() with { InstrumentA = off.Btc, InstrumentB = off.OkxBtc, FlattenNet = false });
        off.Orders.SetPosition(off.OkxBtc.Id, 100_000);
        off.Send(s2, Quote(off.Btc.Id, 4_999_900, 5_000_000, Start));
        off.Send(s2, Quote(off.OkxBtc.Id, 499_900, 500_000, Start + Ms));
        Assert.Equal(0, off.Intents.Count);
    }

    [Fact]
    public void Halted_bot_only_cancels_its_open_legs()
    {
        var s = new CrossVenueSpread(Settings());
        QuoteB(s, 499_900, 500_000, Start);
        QuoteA(s, 5_010_000, 5_010_100, Start + Ms);
        var legs = _h.Submits();
        foreach (var leg in legs) _h.Orders.Add(leg);
        _h.Context.CanTrade = false;
        QuoteA(s, 5_010_000, 5_010_100, Start + 2 * Ms);
        var cancels = _h.Cancels();
        Assert.Equal(2, cancels.Count);
        Assert.Empty(_h.Submits());
        Assert.Contains(cancels, c => c.InstrumentId == _a);
        Assert.Contains(cancels, c => c.InstrumentId == _b);
    }
}
