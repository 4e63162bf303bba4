using TBot.Engine.Backtest;
using TBot.Engine.Events;
using TBot.Engine.Execution.Paper;
using TBot.Engine.Instruments;
using TBot.Engine.Ring;
using TBot.Host.Backtest;
using TBot.Host.Trading;

namespace TBot.Host.Tests.Backtest;

/// <summary>The backtest loop (journal reading, k-way merge, timers, trading core with the sample bots, equity
/// sampling) allocates nothing per event in steady state, so its memory cannot grow with the history's length.</summary>
public sealed class BacktestAllocationTests
{
    private sealed class MeasuringHandler(BacktestHandler inner, long markAt) : IEventHandler<MarketEvent>
    {
        public long Events;
        public long AllocatedAtMark;

        public void OnEvent(ref MarketEvent evt, long sequence, bool endOfBatch)
        {
            if (++Events == markAt) AllocatedAtMark = GC.GetAllocatedBytesForCurrentThread();
            inner.OnEvent(ref evt, sequence, endOfBatch);
        }
    }

    [Fact]
    public void Over_a_million_events_the_merge_and_trading_loop_allocates_nothing_per_event()
    {
        // One segment per leaf: moving to the next 64 MiB segment allocates its file objects (≈ 1.5 KB), once per segment.
        using var catalog = new CatalogWriter { SegmentBytes = 1L << 30 };
        var day = new DateOnly(2026, 1, 5);
        const int perInstrument = 550_000;
        catalog.Leaf(Venue.Binance, "BTCUSDT", 2, 5, "book", day, CatalogWriter.RandomWalk(3, CatalogWriter.Day0, perInstrument, 6_500_000, 1_000_000, 100_000));
        catalog.Leaf(Venue.Binance, "ETHUSDT", 2, 4, "book", day, CatalogWriter.RandomWalk(4, CatalogWriter.Day0 + 500_000, perInstrument, 350_000, 1_000_000, 10_000));
        var problems = new List<string>();
        var data = BacktestData.Discover(catalog.Root, null, null, problems) ?? throw new InvalidOperationException(string.Join(" ", problems));
        var profile = BacktestRunner.Profile(null, data, null, null, null, null);
        var recorder = new BacktestRecorder(data.Registry.Count + 1);
        var core = TradingSetup.Build(profile, data.Registry, new SwitchableDecisionLog { Target = recorder }, null);
        Assert.IsType<PaperGateway>(core.Gateway);
        var sampler = new EquitySampler(core.Orders.Portfolio, core.Market, core.Bots.Select(b => b.BotId).ToArray(), 1_000_000_000);
        const long warmUp = 100_000;
        var handler = new MeasuringHandler(new BacktestHandler(core, sampler), warmUp);
        using var merger = new EventMerger(data.Leaves);
        var feeder = new BacktestFeeder(merger, profile.TimerMs * 1_000_000L);

        feeder.Run(new DirectPublisher<MeasuringHandler>(handler), TestContext.Current.CancellationToken);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - handler.AllocatedAtMark;

        Assert.Equal(2L * perInstrument, feeder.DataEvents);
        var measured = handler.Events - warmUp;
        Assert.True(measured >= 1_000_000, $"only {measured} events measured");
        Assert.True(recorder.Fills > 0, "the sample bots should trade, so the order paths are measured too");
        // Zero per event; a few hundred bytes of slack for one-off lazy initialisation in the runtime.
        Assert.True(allocated < 1_024, $"{allocated} bytes allocated over {measured} events ({(double)allocated / measured:F4} B/event)");
    }
}
