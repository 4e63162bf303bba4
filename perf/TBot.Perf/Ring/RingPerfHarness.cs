using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using TBot.Engine.Ring;

namespace TBot.Perf.Ring;

/// <summary>
/// Runs the ring scenarios side by side in one process: 1P1C, 3-stage pipeline, the bounded-channel
/// baseline and the ping-pong latency test. One warm-up run per scenario, then <see cref="RingPerfOptions.Runs"/>
/// measured runs; medians are reported with every sample kept.
/// </summary>
public sealed class RingPerfHarness(RingPerfOptions options, ILogger logger, TextWriter progress)
{
    public RingPerfReport Run()
    {
        var warmEvents = Math.Min(options.Events, 2_000_000);
        var runs = Math.Max(1, options.Runs);

        progress.WriteLine($"warm-up ({warmEvents:N0} events per scenario)...");
        OneToOneScenario.Run(options, warmEvents, logger);
        PipelineScenario.Run(options, warmEvents, logger, out _, out _);
        ChannelScenario.Run(options, warmEvents);
        PingPongScenario.Run(options, Math.Min(options.Pings, 20_000), logger);

        var oneToOne = new ScenarioResult[runs];
        var pipeline = new ScenarioResult[runs];
        var channels = new ScenarioResult[runs];
        var fused = false;
        long violations = 0;
        long expectedSum = options.Events * (options.Events - 1) / 2;
        var checks = new List<string>();
        for (var r = 0; r < runs; r++)
        {
            oneToOne[r] = OneToOneScenario.Run(options, options.Events, logger);
            progress.WriteLine($"run {r + 1}/{runs}: ring 1P1C       {oneToOne[r].EventsPerSecond / 1e6,8:F1} M ev/s  avg batch {oneToOne[r].AverageBatch,9:F1}");
            pipeline[r] = PipelineScenario.Run(options, options.Events, logger, out fused, out var v);
            violations += v;
            progress.WriteLine($"run {r + 1}/{runs}: ring pipeline3  {pipeline[r].EventsPerSecond / 1e6,8:F1} M ev/s  avg batch {pipeline[r].AverageBatch,9:F1}");
            channels[r] = ChannelScenario.Run(options, options.Events);
            progress.WriteLine($"run {r + 1}/{runs}: channel 1P1C    {channels[r].EventsPerSecond / 1e6,8:F1} M ev/s");
            if (oneToOne[r].Checksum != expectedSum || pipeline[r].Checksum != expectedSum || channels[r].Checksum != expectedSum)
                checks.Add($"run {r + 1}: checksum mismatch (events lost or duplicated)");
        }
        if (violations != 0) checks.Add($"pipeline stage order violated {violations} times");

        var latency = PingPongScenario.Run(options, options.Pings, logger);
        progress.WriteLine($"ping-pong: {latency.Count:N0} round trips, p50 {latency.P50:N0} ns, p99 {latency.P99:N0} ns");

        long ringAllocated = 0;
        foreach (var s in oneToOne) ringAllocated += s.ProducerAllocatedBytes + s.ConsumerAllocatedBytes;
        foreach (var s in pipeline) ringAllocated += s.ProducerAllocatedBytes + s.ConsumerAllocatedBytes;
        ringAllocated += latency.AllocatedBytes;
        var ringEvents = 2L * runs * options.Events + latency.Count;

        var oneToOneEps = Median(oneToOne, x => x.EventsPerSecond);
        var oneToOneBatch = Median(oneToOne, x => x.AverageBatch);
        var pipelineEps = Median(pipeline, x => x.EventsPerSecond);
        var pipelineBatch = Median(pipeline, x => x.AverageBatch);
        var channelEps = Median(channels, x => x.EventsPerSecond);

        return new RingPerfReport
        {
            Ring1P1CEps = oneToOneEps,
            Ring1P1CAvgBatch = oneToOneBatch,
            Ring1P1CRegime = Regime.Classify(oneToOneBatch, options.RingSize),
            RingPipeline3Eps = pipelineEps,
            RingPipeline3AvgBatch = pipelineBatch,
            RingPipeline3Regime = Regime.Classify(pipelineBatch, options.RingSize),
            RingPipeline3Fused = fused,
            Channels1P1CEps = channelEps,
            RingVsChannels = channelEps > 0 ? oneToOneEps / channelEps : 0,
            LatencyNs = new LatencyReport
            {
                P50 = latency.P50, P99 = latency.P99, P999 = latency.P999, Max = latency.Max, Mean = latency.Mean, Count = latency.Count,
            },
            AllocatedBytesPerEvent = (double)ringAllocated / ringEvents,
            Events = options.Events,
            Runs = runs,
            RingSize = options.RingSize,
            Cores = Environment.ProcessorCount,
            WaitStrategy = WaitStrategies.Name(options.WaitStrategy),
            Pinned = options.Pin,
            Runtime = RuntimeInformation.FrameworkDescription,
            Os = RuntimeInformation.OSDescription,
            TimestampUtc = DateTime.UtcNow,
            Samples = new SamplesReport
            {
                Ring1P1CEps = Map(oneToOne, x => x.EventsPerSecond),
                Ring1P1CAvgBatch = Map(oneToOne, x => x.AverageBatch),
                RingPipeline3Eps = Map(pipeline, x => x.EventsPerSecond),
                RingPipeline3AvgBatch = Map(pipeline, x => x.AverageBatch),
                Channels1P1CEps = Map(channels, x => x.EventsPerSecond),
            },
            Checks = checks,
        };
    }

    private static double[] Map(ScenarioResult[] results, Func<ScenarioResult, double> f) => Array.ConvertAll(results, r => f(r));

    private static double Median(ScenarioResult[] results, Func<ScenarioResult, double> f)
    {
        var values = Map(results, f);
        Array.Sort(values);
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
