using TBot.Engine.Execution.Paper;
using TBot.Engine.Instruments;
using TBot.Engine.Market;

namespace TBot.Engine.Tests.Execution;

public class PaperFeesTests
{
    [Fact]
    public void Rates_convert_exactly_and_refuse_more_than_four_decimals()
    {
        Assert.Equal(100_000, PaperFees.RateFromBps(10));
        Assert.Equal(75_000, PaperFees.RateFromBps(7.5m));
        Assert.Equal(-10_000, PaperFees.RateFromBps(-1));
        Assert.Equal(1, PaperFees.RateFromBps(0.0001m));
        Assert.Throws<ArgumentOutOfRangeException>(() => PaperFees.RateFromBps(0.00005m));
        Assert.Throws<ArgumentOutOfRangeException>(() => PaperFees.RateFromBps(10_001));
    }

    [Fact]
    public void Fees_round_half_away_from_zero()
    {
        const long half = 50_000_000; // 50 %
        Assert.Equal(8, PaperFees.Fee(15, half));
        Assert.Equal(7, PaperFees.Fee(14, half));
        Assert.Equal(-8, PaperFees.Fee(-15, half));
        Assert.Equal(-8, PaperFees.Fee(15, -half));
        Assert.Equal(-7, PaperFees.Fee(-14, half));
        Assert.Equal(0, PaperFees.Fee(123_456_789, 0));
        // 10 bps of 1 000 000 USDT (1e14 units) = 1 000 USDT; no overflow on large notionals.
        Assert.Equal(100_000_000_000, PaperFees.Fee(100_000_000_000_000, 100_000));
        Assert.Equal(9_223_372_036_854_776, PaperFees.Fee(long.MaxValue, 100_000));
    }

    [Fact]
    public void Options_reject_nonsense()
    {
        var instruments = new InstrumentRegistry();
        var market = new MarketState(instruments);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaperGateway(instruments, market, new PaperGatewayOptions { LatencyNs = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaperGateway(instruments, market, new PaperGatewayOptions { MaxFillFractionBps = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaperGateway(instruments, market, new PaperGatewayOptions { Capacity = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaperGateway(instruments, market, new PaperGatewayOptions { TakerFeeBps = 1.23456m }));
    }
}
