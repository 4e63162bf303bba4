using HdrHistogram;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using TBot.Adapters.Ingress;
using TBot.Adapters.Venues;
using TBot.Engine.Events;
using TBot.Engine.Execution.Paper;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Market;
using TBot.Engine.Orders;
using TBot.Engine.Portfolio;
using TBot.Engine.Ring;
using TBot.Engine.Risk;
using TBot.Engine.Strategy;
using TBot.Engine.Trading;
using TBot.Engine.Validation;

namespace TBot.Perf.Pipeline;

/// <summary>
/// <c>tbot perf pipeline</c>: end to end on one host, from raw frames in memory through parse, validation,
/// dedup and book (ingress thread), the ring, market view, a market-making strategy that requotes on every mid
/// move, risk, order manager and paper gateway (trading handler), to the journal (after it in the chain) on
/// tmpfs or disk. Measures throughput, tick-to-intent latency and allocations of every thread.
/// </summary>
public static class PipelineHarness
{
    /// <param name="LatencyRate">Frames per second of the paced latency phase: latency is measured below saturation,
    /// where queueing in a full ring does not dominate (the throughput phase runs flat out).</param>
    public sealed record Options(int Frames = 2_000_000, string? JournalDirectory = null, FsyncPolicy Fsync = FsyncPolicy.IntervalMs,
        WaitStrategyKind Wait = WaitStrategyKind.Yielding, int LatencyRate = 100_000, int LatencyFrames = 500_000, bool Stress = false,
        FlushPolicy Flush = FlushPolicy.PerBatch, ThreadingMode Threads = ThreadingMode.Auto)
    {
        /// <summary>Time the stages as a live run does (StageLatencies on the sink, the trading and the journal
        /// handlers, fsync), to price it against a run without.</summary>
        public bool StageLatency { get; init; }

        /// <summary>Name of the run's directory under the journal root (default: random), so another process can be
        /// told in advance where the paced journal will be (<c>{root}/{name}/paced</c>).</summary>
        public string? RunName { get; init; }
    }

    public static PipelineResult Run(Options options, TextWriter progress)
    {
        var (root, medium) = JournalRoot(options.JournalDirectory);
        var warmFrames = PipelineFrames.Build(200_000, seed: 3);
        RunOnce(warmFrames, Path.Combine(root, "warm"), options, measure: false, medium, progress); // JIT, tiering, page cache
        var frames = PipelineFrames.Build(options.Frames);
        var result = RunOnce(frames, Path.Combine(root, "run"), options, measure: true, medium, progress);
        var paced = RunOnce(PipelineFrames.Build(options.LatencyFrames, seed: 5), Path.Combine(root, "paced"), options with { Frames = options.LatencyFrames }, measure: true, medium, progress, options.LatencyRate);
        try { Directory.Delete(root, recursive: true); } catch (IOException) { } // best effort
        return result with { LatencyNs = paced.LatencyNs, LatencyRate = options.LatencyRate, SaturatedLatencyNs = result.LatencyNs };
    }

    /// <summary>
    /// Only the paced latency phase (after the same warm-up as <see cref="Run"/>): tick-to-intent at
    /// <see cref="Options.LatencyRate"/> over <see cref="Options.LatencyFrames"/> frames. <paramref name="attachToJournal"/>, when
    /// given, is called with the measured run's journal writer as soon as it is open (before the first frame), e.g. to start
    /// projections tailing its directory live; what it returns is disposed after the run, once the journal is closed and
    /// before its directory is deleted. <c>tbot perf store</c> runs it without and with tailers to price them.
    /// </summary>
    public static PipelineResult RunPaced(Options options, TextWriter progress, Func<JournalWriter, IDisposable>? attachToJournal = null)
    {
        var (root, medium) = JournalRoot(options.JournalDirectory, options.RunName);
        try
        {
            RunOnce(PipelineFrames.Build(200_000, seed: 3), Path.Combine(root, "warm"), options, measure: false, medium, progress);
            var paced = RunOnce(PipelineFrames.Build(options.LatencyFrames, seed: 5), Path.Combine(root, "paced"), options with { Frames = options.LatencyFrames },
                measure: true, medium, progress, options.LatencyRate, attachToJournal);
            return paced with { LatencyRate = options.LatencyRate };
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } // best effort
        }
    }

    private static PipelineResult RunOnce(byte[][] frames, string journalDir, Options options, bool measure, string medium, TextWriter progress, int pacedRate = 0,
        Func<JournalWriter, IDisposable>? attachToJournal = null)
    {
        var registry = new InstrumentRegistry();
        var btc = registry.Add(Venue.Binance, "BTCUSDT", 2, 5, 1, 1);

        var ring = RingBuffer<MarketEvent>.CreateSingleProducer(1 << 16, WaitStrategies.Create(options.Wait));
        var sink = new StampedRingSink(ring);
        var ingress = new IngressPipeline(registry, new ValidationOptions(), sink);
        VenueCatalog.Configure(ingress, Venue.Binance, registry);

        var decisions = new DecisionQueue(DecisionQueue.CapacityFor(1 << 16, 4));
        LatencyProbeGateway gateway = null!;
        var core = PerfTradingCore.Build(registry, decisions, options.Stress, paper => gateway = new LatencyProbeGateway(paper, sink));
        var orders = core.Orders;
        var risk = core.Risk;

        var writer = JournalWriter.Open(new JournalOptions { Directory = journalDir, FsyncPolicy = options.Fsync, FlushPolicy = options.Flush, BufferBytes = 4 << 20 },
            JournalManifest.Create(registry.All), out _);
        using var attached = attachToJournal?.Invoke(writer);
        var journal = new JournalHandler(writer, decisions);
        var pipeline = new EventPipeline<MarketEvent>(ring, new PipelineOptions { Name = "perf", Threading = options.Threads }, NullLogger.Instance);
        if (options.StageLatency)
        {
            var latencies = new TBot.Engine.Metrics.StageLatencies(ring.BufferSize);
            sink.Latencies = latencies;
            writer.FsyncLatency = latencies[TBot.Engine.Metrics.LatencyStage.Fsync];
            pipeline.HandleEventsWith("trading", new TBot.Engine.Metrics.TimedTradingHandler(core, latencies))
                .Then("journal", new TBot.Engine.Metrics.TimedJournalHandler(journal, latencies));
        }
        else pipeline.HandleEventsWith("trading", core).Then("journal", journal);
        pipeline.Start();
        // Trading on from the first event, as after start-up.
        var seq0 = ring.Next();
        ControlEvents.Write(ref ring[seq0], ControlCommand.EnableTrading, 0, PipelineFrames.StartNs);
        ring.Publish(seq0);

        gateway.Recording = measure;
        var gen0 = GC.CollectionCount(0);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var start = Stopwatch.GetTimestamp();
        var period = pacedRate > 0 ? Stopwatch.Frequency / (double)pacedRate : 0;
        for (var i = 0; i < frames.Length; i++)
        {
            if (period > 0)
            {
                var due = start + (long)(i * period);
                while (Stopwatch.GetTimestamp() < due) Thread.SpinWait(20);
            }
            sink.FrameStart = Stopwatch.GetTimestamp();
            ingress.ProcessFrame(Venue.Binance, 1, frames[i], PipelineFrames.StartNs + i * PipelineFrames.StepNs);
            if (ingress.Actions.Count > 0) ingress.Actions.Clear();
        }
        var last = ring.Cursor;
        pipeline.WaitUntilProcessed(last, TimeSpan.FromMinutes(5));
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var collections = GC.CollectionCount(0) - gen0;
        var batch = pipeline.Processors[0].AverageBatch;
        var threading = pipeline.IsFused ? "fused" : "dedicated";
        pipeline.Halt(TimeSpan.FromSeconds(10));
        writer.Dispose();

        var events = last + 1;
        var h = gateway.Histogram;
        var result = new PipelineResult
        {
            EventsPerSec = Math.Round(events / elapsed),
            FramesPerSec = Math.Round(frames.Length / elapsed),
            Events = events,
            Frames = frames.Length,
            Intents = core.Counters.Intents,
            Orders = orders.Counters.Submitted,
            Fills = orders.Counters.Fills,
            RiskRejections = risk.Counters.Rejected(),
            LatencyNs = new LatencySummary
            {
                P50 = h.TotalCount == 0 ? 0 : h.GetValueAtPercentile(50),
                P99 = h.TotalCount == 0 ? 0 : h.GetValueAtPercentile(99),
                P999 = h.TotalCount == 0 ? 0 : h.GetValueAtPercentile(99.9),
                Max = h.TotalCount == 0 ? 0 : h.GetMaxValue(),
                Count = h.TotalCount,
            },
            AllocatedBytesPerEvent = Math.Round((double)allocated / events, 4),
            Gen0Collections = collections,
            JournalMedium = medium,
            JournalBytes = writer.BytesWritten,
            JournalFsyncs = writer.Fsyncs,
            FsyncPolicy = options.Fsync.ToString(),
            FlushPolicy = options.Flush.ToString(),
            AverageBatch = Math.Round(batch, 1),
            Threading = threading,
            Workload = options.Stress ? "stress: market maker requotes on every tick" : "market maker, requote at 20 ticks or 100 ms",
            Cores = Environment.ProcessorCount,
            Runtime = RuntimeInformation.FrameworkDescription,
            TimestampUtc = DateTime.UtcNow,
        };
        if (measure && pacedRate == 0)
            progress.WriteLine($"flat out: {result.EventsPerSec / 1e6:F2} M events/s end to end, {result.AllocatedBytesPerEvent} B/event, journal on {medium}; tick-to-intent in a saturated ring p50 {result.LatencyNs.P50} ns");
        else if (measure)
            progress.WriteLine($"paced at {pacedRate:N0} frames/s: tick-to-intent p50 {result.LatencyNs.P50} ns, p99 {result.LatencyNs.P99} ns, p99.9 {result.LatencyNs.P999} ns, max {result.LatencyNs.Max} ns over {result.LatencyNs.Count} orders");
        return result;
    }

    /// <summary>tmpfs (/dev/shm) unless a directory is given.</summary>
    private static (string Root, string Medium) JournalRoot(string? requested, string? runName = null)
    {
        var name = runName ?? "tbot-perf-" + Guid.NewGuid().ToString("N")[..8];
        if (requested is not null) return (Path.Combine(requested, name), $"given directory {requested}");
        if (Directory.Exists("/dev/shm")) return (Path.Combine("/dev/shm", name), "tmpfs (/dev/shm)");
        return (Path.Combine(Path.GetTempPath(), name), $"disk ({Path.GetTempPath()})");
    }
}
