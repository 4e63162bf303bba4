using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging.Abstractions;
using TBot.Engine.Backtest;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Ring;
using TBot.Engine.Trading;

namespace TBot.Perf.Backtest;

/// <summary>
/// Backtest throughput on book/quote data (<see cref="BacktestDataset"/>): the merge alone, merge + trading core on one
/// thread (with allocations per event), and the ring as <c>tbot backtest</c> runs it. The trading core comes from the
/// caller (the host builds it exactly as a backtest does).
/// </summary>
public static class BacktestHarness
{
    public sealed record Options(int EventsPerInstrument, string DataDirectory, int Runs, long TimerNs, Func<InstrumentRegistry, IDecisionLog, TradingCore> BuildCore);

    public static BacktestPerfResult Run(Options options, TextWriter log)
    {
        var leaves = BacktestDataset.Ensure(options.DataDirectory, options.EventsPerInstrument);
        var registry = BacktestDataset.Registry();
        double merge = 0, single = 0, ring = 0, bytesPerEvent = double.MaxValue;
        long events = 0, orders = 0, fills = 0;
        var gen0 = 0;
        for (var run = 0; run < options.Runs; run++)
        {
            // 1. Reading and merging only.
            var clock = Stopwatch.StartNew();
            long n = 0, check = 0;
            using (var merger = new EventMerger(leaves))
                while (merger.MoveNext())
                {
                    check += merger.Current.Price;
                    n++;
                }
            merge = Math.Max(merge, n / clock.Elapsed.TotalSeconds);
            events = n;

            // 2. Merge + trading on this thread.
            var recorder = new BacktestRecorder(registry.Count + 1);
            var core = options.BuildCore(registry, recorder);
            var handler = new BacktestHandler(core, new EquitySampler(core.Orders.Portfolio, core.Market, [.. core.Bots.Select(b => b.BotId)], 60_000_000_000));
            using (var merger = new EventMerger(leaves))
            {
                var feeder = new BacktestFeeder(merger, options.TimerNs);
                var publisher = new DirectPublisher<BacktestHandler>(handler);
                var gcBefore = GC.CollectionCount(0);
                var before = GC.GetAllocatedBytesForCurrentThread();
                clock.Restart();
                feeder.Run(publisher);
                var seconds = clock.Elapsed.TotalSeconds;
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                single = Math.Max(single, feeder.DataEvents / seconds);
                // Opening the leaves (readers, manifests) is a fixed cost, not per event: included, so this is an upper bound.
                bytesPerEvent = Math.Min(bytesPerEvent, (double)allocated / feeder.DataEvents);
                gen0 = GC.CollectionCount(0) - gcBefore;
                orders = recorder.Orders;
                fills = recorder.Fills;
            }

            // 3. Through a ring into the trading thread.
            var ringCore = options.BuildCore(registry, new BacktestRecorder(registry.Count + 1));
            var ringHandler = new BacktestHandler(ringCore, new EquitySampler(ringCore.Orders.Portfolio, ringCore.Market, [.. ringCore.Bots.Select(b => b.BotId)], 60_000_000_000));
            var buffer = RingBuffer<MarketEvent>.CreateSingleProducer(1 << 16, new YieldingWaitStrategy());
            var pipeline = new EventPipeline<MarketEvent>(buffer, new PipelineOptions { Name = "perf-backtest" }, NullLogger.Instance);
            pipeline.HandleEventsWith("trading", ringHandler);
            pipeline.Start();
            using (var merger = new EventMerger(leaves))
            {
                var feeder = new BacktestFeeder(merger, options.TimerNs);
                clock.Restart();
                feeder.Run(new RingPublisher(buffer));
                pipeline.WaitUntilProcessed(buffer.Cursor, TimeSpan.FromMinutes(10));
                ring = Math.Max(ring, feeder.DataEvents / clock.Elapsed.TotalSeconds);
            }
            pipeline.Halt(TimeSpan.FromSeconds(10));
            log.WriteLine($"run {run + 1}: merge {n / 1e6:F2} M events (checksum {check % 1000}), single thread {single:N0}/s, ring {ring:N0}/s");
        }
        return new BacktestPerfResult
        {
            Events = events,
            MergeEventsPerSec = Math.Round(merge),
            SingleThreadEventsPerSec = Math.Round(single),
            RingEventsPerSec = Math.Round(ring),
            AllocatedBytesPerEvent = Math.Round(bytesPerEvent, 4),
            Gen0Collections = gen0,
            Orders = orders,
            Fills = fills,
            Runs = options.Runs,
            Data = $"{leaves.Count} book leaves × {options.EventsPerInstrument} events (60 % deltas, 20 % quotes, 20 % trades) in {options.DataDirectory}",
            Cores = Environment.ProcessorCount,
            Runtime = RuntimeInformation.FrameworkDescription,
            TimestampUtc = DateTime.UtcNow,
        };
    }
}
