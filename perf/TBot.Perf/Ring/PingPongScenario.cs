using System.Diagnostics;
using HdrHistogram;
using Microsoft.Extensions.Logging;
using TBot.Engine.Ring;
using TBot.Engine.Threading;

namespace TBot.Perf.Ring;

/// <summary>
/// Round-trip latency: the calling thread publishes a ping into ring 1; a processor thread answers by
/// publishing into ring 2; the caller waits for the pong and records the round trip in an HdrHistogram.
/// Two threads only, so spinning never oversubscribes a 2-core host.
/// </summary>
public static class PingPongScenario
{
    public static LatencyResult Run(RingPerfOptions options, int pings, ILogger logger)
    {
        var wait = WaitStrategies.Create(options.WaitStrategy);
        var pingRing = RingBuffer<PerfEvent>.CreateSingleProducer(1024, wait);
        var pongRing = RingBuffer<PerfEvent>.CreateSingleProducer(1024, WaitStrategies.Create(options.WaitStrategy));
        var ponger = new Ponger(pongRing);
        var processor = new BatchEventProcessor<PerfEvent>("tbot-perf-pong", pingRing, pingRing.NewBarrier(), ponger, logger: logger);
        pingRing.AddGatingSequences(processor.Sequence);
        var pongConsumed = new Sequence();
        pongRing.AddGatingSequences(pongConsumed);
        var pongBarrier = pongRing.NewBarrier();
        var thread = DedicatedThread.Start(processor.Name, options.Pin ? 1 : null, processor.Run, logger);

        // Nanoseconds, 1 ns .. 10 s, 3 significant digits.
        var histogram = new LongHistogram(10_000_000_000L, 3);
        var nsPerTick = 1_000_000_000.0 / Stopwatch.Frequency;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < pings; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var seq = pingRing.Next();
            pingRing[seq].Timestamp = t0;
            pingRing.Publish(seq);
            var available = pongBarrier.WaitFor(seq);
            if (available < seq) throw new InvalidOperationException("Pong barrier alerted unexpectedly.");
            var t1 = Stopwatch.GetTimestamp();
            if (pongRing[seq].Timestamp != t0) throw new InvalidOperationException("Pong carried the wrong ping.");
            pongConsumed.SetValue(seq);
            histogram.RecordValue((long)((t1 - t0) * nsPerTick));
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        processor.Halt();
        thread.Join();
        return new LatencyResult(
            pings,
            histogram.GetValueAtPercentile(50),
            histogram.GetValueAtPercentile(99),
            histogram.GetValueAtPercentile(99.9),
            histogram.GetMaxValue(),
            histogram.GetMean(),
            allocated);
    }

    private sealed class Ponger(RingBuffer<PerfEvent> pongRing) : IEventHandler<PerfEvent>
    {
        public void OnEvent(ref PerfEvent evt, long sequence, bool endOfBatch)
        {
            var seq = pongRing.Next();
            pongRing[seq].Timestamp = evt.Timestamp;
            pongRing.Publish(seq);
        }
    }
}
