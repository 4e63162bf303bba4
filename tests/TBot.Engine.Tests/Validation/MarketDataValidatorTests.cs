using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Engine.Tests.Validation;

public class MarketDataValidatorTests
{
    private const long Ms = 1_000_000;
    private const long Now = 1_700_000_000_000 * Ms;
    private readonly InstrumentRegistry _registry = new();
    private readonly MarketDataValidator _validator;
    private readonly int _btc;

    public MarketDataValidatorTests()
    {
        // BTCUSDT: prices at 2 decimals with tick 0.01 (=1), sizes at 5 decimals with step 0.00001 (=1); ETH with tick 0.05.
        _btc = _registry.Add(Venue.Binance, "BTCUSDT", 2, 5, tickSize: 1, stepSize: 1).Id;
        _registry.Add(Venue.Binance, "ETHUSDT", 2, 4, tickSize: 5, stepSize: 10);
        _validator = new MarketDataValidator(_registry, new ValidationOptions { PriceBandBps = 1000, ReanchorAfter = 3 });
    }

    private MarketEvent Quote(long bid, long ask, long time = Now, long updateId = 1, long bidSize = 100, long askSize = 100) => new()
    {
        Kind = MarketEventKind.Quote, Venue = Venue.Binance, InstrumentId = _btc, Bid = bid, Ask = ask, BidSize = bidSize, AskSize = askSize,
        ExchangeTimeNs = time, ReceiveTimeNs = Now, UpdateId = updateId,
    };

    private MarketEvent Trade(long price, long qty, long tradeId, long time = Now) => new()
    {
        Kind = MarketEventKind.Trade, Venue = Venue.Binance, InstrumentId = _btc, Price = price, Quantity = qty, TradeId = tradeId,
        ExchangeTimeNs = time, ReceiveTimeNs = Now,
    };

    private RejectReason Check(MarketEvent e) => _validator.Validate(ref e);

    [Fact]
    public void Accepts_a_sane_quote_and_trade()
    {
        Assert.Equal(RejectReason.None, Check(Quote(5_000_000, 5_000_100)));
        Assert.Equal(RejectReason.None, Check(Trade(5_000_050, 12_345, 1)));
    }

    [Fact]
    public void Business_rules_have_their_reasons()
    {
        Assert.Equal(RejectReason.NonPositivePrice, Check(Quote(0, 0)));
        Assert.Equal(RejectReason.NonPositivePrice, Check(Quote(-1, 10)));
        Assert.Equal(RejectReason.CrossedBook, Check(Quote(5_000_100, 5_000_100)));
        Assert.Equal(RejectReason.CrossedBook, Check(Quote(5_000_200, 5_000_100)));
        Assert.Equal(RejectReason.NegativeSize, Check(Quote(5_000_000, 5_000_100, bidSize: -1)));
        Assert.Equal(RejectReason.NonPositivePrice, Check(Trade(0, 1, 9)));
        Assert.Equal(RejectReason.NegativeSize, Check(Trade(5_000_000, -5, 9)));

        var eth = _registry.TryGet(Venue.Binance, "ETHUSDT", out var i) ? i.Id : 0;
        var misaligned = new MarketEvent { Kind = MarketEventKind.Trade, InstrumentId = eth, Price = 300_003, Quantity = 10, TradeId = 1 };
        Assert.Equal(RejectReason.TickMisaligned, _validator.Validate(ref misaligned));
        var badStep = new MarketEvent { Kind = MarketEventKind.Trade, InstrumentId = eth, Price = 300_005, Quantity = 15, TradeId = 2 };
        Assert.Equal(RejectReason.StepMisaligned, _validator.Validate(ref badStep));
    }

    [Fact]
    public void One_empty_side_is_a_valid_quote()
    {
        Assert.Equal(RejectReason.None, Check(Quote(0, 5_000_100, bidSize: 0)));
    }

    [Fact]
    public void Prices_outside_the_band_are_rejected_and_the_reference_reanchors_after_a_sustained_move()
    {
        Assert.Equal(RejectReason.None, Check(Trade(5_000_000, 1, 1)));
        Assert.Equal(RejectReason.None, Check(Trade(5_400_000, 1, 2)));   // +8 %
        Assert.Equal(RejectReason.PriceOutOfBand, Check(Trade(6_500_000, 1, 3))); // +20 %
        Assert.Equal(RejectReason.PriceOutOfBand, Check(Trade(6_500_000, 1, 4)));
        Assert.Equal(RejectReason.PriceOutOfBand, Check(Trade(6_500_000, 1, 5))); // third in a row: re-anchor
        Assert.Equal(1, _validator.Reanchors);
        Assert.Equal(RejectReason.None, Check(Trade(6_500_000, 1, 6)));
    }

    [Fact]
    public void Timestamps_must_be_neither_future_nor_stale_nor_going_backwards()
    {
        Assert.Equal(RejectReason.FutureTimestamp, Check(Trade(5_000_000, 1, 1, time: Now + 10_000 * Ms)));
        Assert.Equal(RejectReason.StaleTimestamp, Check(Trade(5_000_000, 1, 2, time: Now - 60_000 * Ms)));
        Assert.Equal(RejectReason.None, Check(Trade(5_000_000, 1, 3, time: Now - 10 * Ms)));
        Assert.Equal(RejectReason.NonMonotonicTimestamp, Check(Trade(5_000_000, 1, 4, time: Now - 20 * Ms)));
        // Another stream of the same instrument keeps its own clock.
        Assert.Equal(RejectReason.None, Check(Quote(5_000_000, 5_000_100, time: Now - 20 * Ms)));
    }

    [Fact]
    public void Duplicate_trade_ids_and_repeated_quotes_are_dropped()
    {
        Assert.Equal(RejectReason.None, Check(Trade(5_000_000, 1, 42)));
        Assert.Equal(RejectReason.Duplicate, Check(Trade(5_000_000, 1, 42)));
        Assert.Equal(RejectReason.None, Check(Quote(5_000_000, 5_000_100, updateId: 7)));
        Assert.Equal(RejectReason.Duplicate, Check(Quote(5_000_000, 5_000_100, updateId: 7)));
        // Same update id with new prices is not a duplicate (bookTicker ids may repeat).
        Assert.Equal(RejectReason.None, Check(Quote(5_000_001, 5_000_100, updateId: 7)));
    }

    [Fact]
    public void A_rejected_trade_does_not_occupy_the_dedup_window()
    {
        Assert.Equal(RejectReason.NegativeSize, Check(Trade(5_000_000, -1, 77)));
        Assert.Equal(RejectReason.None, Check(Trade(5_000_000, 1, 77)));
    }

    [Fact]
    public void Unknown_instruments_are_rejected()
    {
        var e = Trade(5_000_000, 1, 1);
        e.InstrumentId = 99;
        Assert.Equal(RejectReason.UnknownInstrument, _validator.Validate(ref e));
    }

    [Fact]
    public void Validating_does_not_allocate()
    {
        var q = Quote(5_000_000, 5_000_100);
        var t = Trade(5_000_000, 1, 1);
        for (var i = 0; i < 10_000; i++)
        {
            q.UpdateId = i; _validator.Validate(ref q);
            t.TradeId = i; _validator.Validate(ref t);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 10_000; i < 1_010_000; i++)
        {
            q.UpdateId = i; q.Bid = 5_000_000 + (i & 15);
            _validator.Validate(ref q);
            t.TradeId = i;
            _validator.Validate(ref t);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Options_report_every_problem_at_once()
    {
        var problems = new ValidationOptions { PriceBandBps = 0, StalenessLimitMs = 0, TradeDedupWindow = 0 }.Problems();
        Assert.Equal(3, problems.Count);
    }
}
