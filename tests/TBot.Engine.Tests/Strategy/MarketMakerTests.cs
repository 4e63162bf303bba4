using TBot.Engine.Events;
using TBot.Engine.Orders;
using TBot.Engine.Strategy;
using static TBot.Engine.Tests.Strategy.StrategyHarness;

namespace TBot.Engine.Tests.Strategy;

public class MarketMakerTests
{
    // BTCUSDT: price mantissa at 2 decimals (50,000.00 = 5_000_000), quantity at 5 (0.001 = 100).
    private const long Mid = 5_000_000;
    private readonly StrategyHarness _h = new();
    private readonly MarketMaker _mm;
    private readonly int _id;

    public MarketMakerTests()
    {
        _id = _h.Btc.Id;
        _mm = new MarketMaker(Settings());
    }

    private MarketMakerSettings Settings() => new()
    {
        Instrument = _h.Btc,
        HalfSpreadMicroBps = 1 * BasisPoints.Micro, // 1 bps of 50,000 = 5.00 = 500 ticks
        QuoteSize = 100,
        InventorySkewMicroBps = 2 * BasisPoints.Micro, // 2 bps = 1000 ticks at full inventory
        MaxInventory = 300,
        RefreshNs = 5 * Second,
        RequoteTicks = 3,
    };

    private void QuoteAround(long mid, long time) => _h.Send(_mm, Quote(_id, mid - 10, mid + 10, time));

    private (OrderIntent Bid, OrderIntent Ask) BothSubmits()
    {
        var submits = _h.Submits();
        Assert.Equal(2, submits.Count);
        var bid = Assert.Single(submits, s => s.Side == Side.Buy);
        var ask = Assert.Single(submits, s => s.Side == Side.Sell);
        return (bid, ask);
    }

    [Fact]
    public void Quotes_symmetrically_around_mid_when_flat()
    {
        QuoteAround(Mid, Start);

        var (bid, ask) = BothSubmits();
        Assert.Equal(Mid - 500, bid.Price);
        Assert.Equal(Mid + 500, ask.Price);
        Assert.Equal(100, bid.Quantity);
        Assert.Equal(100, ask.Quantity);
        Assert.Equal(OrderType.Limit, bid.Type);
        Assert.Equal(TimeInForce.Gtc, bid.TimeInForce);
        Assert.Equal(MarketMaker.BidTag, bid.Tag);
        Assert.Equal(MarketMaker.AskTag, ask.Tag);
        Assert.Equal(BotId, bid.BotId);
        Assert.Equal(_id, ask.InstrumentId);
        Assert.NotEqual(bid.TargetClientOrderId, ask.TargetClientOrderId);
        Assert.Equal(2, _h.Orders.ReservedCount);
    }

    [Fact]
    public void Skews_quotes_down_when_long_and_up_when_short()
    {
        _h.Orders.SetPosition(_id, 150); // half the max inventory → half the 2 bps skew = 1 bps = 500
        QuoteAround(Mid, Start);
        var (bid, ask) = BothSubmits();
        Assert.Equal(Mid - 500 - 500, bid.Price);
        Assert.Equal(Mid + 500 - 500, ask.Price);

        var shortSide = new StrategyHarness();
        var mm = new MarketMaker(Settings() with { Instrument = shortSide.Btc });
        shortSide.Orders.SetPosition(shortSide.Btc.Id, -150);
        shortSide.Send(mm, Quote(shortSide.Btc.Id, Mid - 10, Mid + 10, Start));
        var submits = shortSide.Submits();
        Assert.Equal(Mid, Assert.Single(submits, s => s.Side == Side.Buy).Price);
        Assert.Equal(Mid + 1000, Assert.Single(submits, s => s.Side == Side.Sell).Price);
    }

    [Fact]
    public void Stops_bidding_when_a_fill_would_exceed_max_inventory()
    {
        _h.Orders.SetPosition(_id, 250); // +100 would be 350 > 300
        QuoteAround(Mid, Start);
        var ask = Assert.Single(_h.Submits());
        Assert.Equal(Side.Sell, ask.Side);

        var other = new StrategyHarness();
        var mm = new MarketMaker(Settings() with { Instrument = other.Btc });
        other.Orders.SetPosition(other.Btc.Id, -300);
        other.Send(mm, Quote(other.Btc.Id, Mid - 10, Mid + 10, Start));
        Assert.Equal(Side.Buy, Assert.Single(other.Submits()).Side);
    }

    [Fact]
    public void Cancels_the_bid_when_inventory_reaches_the_limit()
    {
        // No skew, so the ask's desired price does not move with the position.
        var mm = new MarketMaker(Settings() with { InventorySkewMicroBps = 0 });
        _h.AutoApply = true;
        _h.Send(mm, Quote(_id, Mid - 10, Mid + 10, Start));
        var (bid, _) = BothSubmits();

        _h.Orders.SetPosition(_id, 300);
        _h.Send(mm, Quote(_id, Mid - 10, Mid + 10, Start + Ms));
        var cancel = Assert.Single(_h.Cancels());
        Assert.Equal(bid.TargetClientOrderId, cancel.TargetClientOrderId);
        Assert.Empty(_h.Submits());
    }

    [Fact]
    public void Requotes_when_mid_moves_beyond_threshold_but_not_within()
    {
        _h.AutoApply = true;
        QuoteAround(Mid, Start);
        var (bid, ask) = BothSubmits();

        // Desired prices 3 ticks away = the threshold: not beyond it. (Mid − 2: the half spread of 1 bps of a
        // slightly lower mid truncates to 499, so the ask wants to move 3 ticks.)
        QuoteAround(Mid + 3, Start + 10 * Ms);
        Assert.Equal(0, _h.Intents.Count);
        QuoteAround(Mid - 2, Start + 20 * Ms);
        Assert.Equal(0, _h.Intents.Count);

        // 4 ticks: both quotes are cancelled, nothing new yet.
        QuoteAround(Mid + 4, Start + 30 * Ms);
        var cancels = _h.Cancels();
        Assert.Equal(2, cancels.Count);
        Assert.Contains(cancels, c => c.TargetClientOrderId == bid.TargetClientOrderId);
        Assert.Contains(cancels, c => c.TargetClientOrderId == ask.TargetClientOrderId);
        Assert.Empty(_h.Submits());

        // Cancels confirmed (AutoApply): the next event quotes at the new mid.
        QuoteAround(Mid + 4, Start + 40 * Ms);
        var (bid2, ask2) = BothSubmits();
        Assert.Equal(Mid + 4 - 500, bid2.Price);
        Assert.Equal(Mid + 4 + 500, ask2.Price);
    }

    [Fact]
    public void Never_stacks_orders_while_a_cancel_is_pending()
    {
        QuoteAround(Mid, Start);
        var (bid, ask) = BothSubmits();
        _h.Orders.Add(bid);
        _h.Orders.Add(ask);

        QuoteAround(Mid + 50, Start + Ms);
        Assert.Equal(2, _h.Cancels().Count);

        // The venue has not confirmed the cancels: no new quote, and no duplicate cancel either.
        for (var i = 2; i < 20; i++)
        {
            QuoteAround(Mid + 50 + i, Start + i * Ms);
            Assert.Equal(0, _h.Intents.Count);
        }

        // Bid cancelled, ask still open: only the bid is replaced.
        _h.Orders.SetStatus(bid.TargetClientOrderId, OrderStatus.Cancelled);
        QuoteAround(Mid + 50, Start + 30 * Ms);
        var submit = Assert.Single(_h.Submits());
        Assert.Equal(Side.Buy, submit.Side);
        Assert.Equal(3, _h.Orders.ReservedCount);
    }

    [Fact]
    public void Resends_a_cancel_that_did_not_take_effect_after_a_second()
    {
        QuoteAround(Mid, Start);
        var (bid, ask) = BothSubmits();
        _h.Orders.Add(bid);
        _h.Orders.Add(ask);
        QuoteAround(Mid + 50, Start + Ms);
        Assert.Equal(2, _h.Cancels().Count);
        _h.Send(_mm, Timer(Start + 900 * Ms));
        Assert.Equal(0, _h.Intents.Count);
        _h.Send(_mm, Timer(Start + 1001 * Ms));
        Assert.Equal(2, _h.Cancels().Count);
    }

    [Fact]
    public void Replaces_quotes_after_the_refresh_interval_on_a_timer()
    {
        _h.AutoApply = true;
        QuoteAround(Mid, Start);
        BothSubmits();
        _h.Send(_mm, Timer(Start + 4_900 * Ms));
        Assert.Equal(0, _h.Intents.Count);
        _h.Send(_mm, Timer(Start + 5_000 * Ms));
        Assert.Equal(2, _h.Cancels().Count);
        _h.Send(_mm, Timer(Start + 5_100 * Ms));
        BothSubmits();
    }

    [Fact]
    public void Rounds_bid_down_and_ask_up_to_the_tick()
    {
        // ETHUSDT: tick 0.05 (5). Mid 3,000.03 → half spread 1 bps = 0.30003 → 30 mantissa units.
        var h = new StrategyHarness();
        var mm = new MarketMaker(Settings() with { Instrument = h.Eth, QuoteSize = 10, MaxInventory = 30 });
        h.Send(mm, Quote(h.Eth.Id, 299_995, 300_010, Start)); // mid = 299_995 + 7 = 300_002
        var submits = h.Submits();
        var bid = Assert.Single(submits, s => s.Side == Side.Buy).Price;
        var ask = Assert.Single(submits, s => s.Side == Side.Sell).Price;
        Assert.Equal(0, bid % 5);
        Assert.Equal(0, ask % 5);
        Assert.Equal(299_970, bid); // 300_002 − 30 = 299_972 → down to 299_970
        Assert.Equal(300_035, ask); // 300_002 + 30 = 300_032 → up to 300_035
    }

    [Fact]
    public void Never_quotes_through_the_touch()
    {
        // Short at the limit with a 2 bps skew: the reservation price is 10.00 above a 0.02 wide book, so the bid
        // would lift the ask; it is kept one tick below the best ask instead (and no ask: it would grow the short).
        var mm = new MarketMaker(Settings() with { HalfSpreadMicroBps = 0 });
        _h.Orders.SetPosition(_id, -300);
        _h.Send(mm, Quote(_id, Mid - 1, Mid + 1, Start));
        var bid = Assert.Single(_h.Submits());
        Assert.Equal(Side.Buy, bid.Side);
        Assert.Equal(Mid, bid.Price);
    }

    [Fact]
    public void Only_cancels_when_trading_is_halted()
    {
        _h.AutoApply = true;
        QuoteAround(Mid, Start);
        BothSubmits();
        _h.Context.CanTrade = false;
        QuoteAround(Mid, Start + Ms);
        Assert.Equal(2, _h.Cancels().Count);
        Assert.Empty(_h.Submits());
        QuoteAround(Mid + 100, Start + 2 * Ms);
        Assert.Equal(0, _h.Intents.Count);
        _h.Context.CanTrade = true;
        QuoteAround(Mid, Start + 3 * Ms);
        BothSubmits();
    }

    [Fact]
    public void Pulls_quotes_when_the_best_bid_ask_gets_too_old()
    {
        var mm = new MarketMaker(Settings() with { MaxQuoteAgeNs = 2 * Second, RefreshNs = 0 });
        _h.AutoApply = true;
        _h.Send(mm, Quote(_id, Mid - 10, Mid + 10, Start));
        BothSubmits();
        _h.Send(mm, Timer(Start + 2 * Second));
        Assert.Equal(0, _h.Intents.Count);
        _h.Send(mm, Timer(Start + 2 * Second + 1));
        Assert.Equal(2, _h.Cancels().Count);
        _h.Send(mm, Timer(Start + 3 * Second));
        Assert.Equal(0, _h.Intents.Count);
    }

    [Fact]
    public void Backs_off_after_a_refused_quote()
    {
        QuoteAround(Mid, Start);
        var (bid, ask) = BothSubmits();
        _h.Orders.Add(ask);
        _h.Orders.Forget(bid.TargetClientOrderId); // risk refused the bid
        QuoteAround(Mid, Start + Ms);
        Assert.Equal(0, _h.Intents.Count);
        _h.Send(_mm, Timer(Start + Ms + 5 * Second - 1));
        Assert.Empty(_h.Submits());
        _h.Send(_mm, Timer(Start + Ms + 5 * Second));
        Assert.Contains(_h.Submits(), s => s.Side == Side.Buy);
    }

    [Fact]
    public void Ignores_other_instruments()
    {
        _h.Send(_mm, Quote(_h.Eth.Id, 300_000, 300_010, Start));
        Assert.Equal(0, _h.Intents.Count);
        Assert.Equal(0, _h.Orders.ReservedCount);
    }
}
