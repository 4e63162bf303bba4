using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Market;
using TBot.Engine.Orders;
using TBot.Engine.Portfolio;

namespace TBot.Engine.Tests.Portfolio;

public sealed class PortfolioBookTests
{
    // BTCUSDT: price 2 decimals, quantity 3 decimals; money has 8 decimals.
    private readonly InstrumentRegistry _registry = new();
    private readonly int _id;
    private readonly PortfolioBook _book;

    public PortfolioBookTests()
    {
        _id = _registry.Add(Venue.Binance, "BTCUSDT", 2, 3).Id;
        _book = new PortfolioBook(_registry, 2);
    }

    private static long M(decimal d) => (long)(d * 100_000_000m);

    [Fact]
    public void Money_notional_is_exact_across_scales()
    {
        Assert.Equal(M(150.495m), Money.Notional(100_33, 2, 1_500, 3));
        Assert.Equal(M(0.00000123m), Money.Notional(12345, 10, 1, 0)); // 0.0000012345 truncated at 8 decimals
    }

    [Fact]
    public void Long_then_partial_close_then_flip_short()
    {
        _book.ApplyFill(1, _id, Side.Buy, 100_00, 2_000, M(0.1m));   // long 2 @ 100
        _book.ApplyFill(1, _id, Side.Buy, 110_00, 2_000, M(0.1m));   // long 4 @ 105
        ref readonly var p = ref _book.Get(1, _id);
        Assert.Equal(4_000, p.Quantity);
        Assert.Equal(M(420m), p.Cost);
        _book.ApplyFill(1, _id, Side.Sell, 120_00, 1_000, 0);        // close 1 at 120: +15
        Assert.Equal(M(15m), _book.Get(1, _id).RealizedPnl);
        Assert.Equal(M(315m), _book.Get(1, _id).Cost);
        _book.ApplyFill(1, _id, Side.Sell, 100_00, 5_000, 0);        // close 3 at 100 (−15), open short 2 @ 100
        Assert.Equal(-2_000, _book.Get(1, _id).Quantity);
        Assert.Equal(0, _book.Get(1, _id).RealizedPnl);
        Assert.Equal(M(-200m), _book.Get(1, _id).Cost);
        Assert.Equal(M(20m), _book.Unrealized(1, _id, 90_00));     // short 2 from 100, mark 90 → +20
        Assert.Equal(M(0.2m), _book.Get(1, _id).Fees);
        _book.ApplyFill(1, _id, Side.Buy, 95_00, 2_000, 0);          // cover at 95: +10
        Assert.Equal(0, _book.Get(1, _id).Quantity);
        Assert.Equal(0, _book.Get(1, _id).Cost);
        Assert.Equal(M(10m), _book.Get(1, _id).RealizedPnl);
        Assert.Equal(0, _book.Get(2, _id).Quantity);
    }

    [Fact]
    public void Total_pnl_uses_mid_and_subtracts_fees()
    {
        var market = new MarketState(_registry);
        market.Apply(new MarketEvent { Kind = MarketEventKind.Quote, InstrumentId = _id, Bid = 109_00, Ask = 111_00, BidSize = 1, AskSize = 1, ReceiveTimeNs = 1 });
        _book.ApplyFill(1, _id, Side.Buy, 100_00, 1_000, M(1m));
        Assert.Equal(M(9m), _book.TotalPnl(1, market));
    }
}
