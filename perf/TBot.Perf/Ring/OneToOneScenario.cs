using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TBot.Engine.Ring;
using TBot.Engine.Threading;

namespace TBot.Perf.Ring;

/// <summary>One producer (the calling thread) → one consumer thread through the ring.</summary>
public static class OneToOneScenario
{
    public static ScenarioResult Run(RingPerfOptions options, long events, ILogger logger)
    {
        var ring = RingBuffer<PerfEvent>.CreateSingleProducer(options.RingSize, WaitStrategies.Create(options.WaitStrategy));
        var handler = new SummingHandler(events - 1);
        var processor = new BatchEventProcessor<PerfEvent>("tbot-perf-c1", ring, ring.NewBarrier(), handler, logger: logger);
        ring.AddGatingSequences(processor.Sequence);
        var thread = DedicatedThread.Start(processor.Name, options.Pin ? 1 : null, processor.Run, logger);

        var producerBytes = RingProducer.Produce(ring, events, out var start);
        if (!handler.WaitDone(TimeSpan.FromMinutes(5))) throw new TimeoutException("1P1C consumer did not finish.");
        var seconds = Stopwatch.GetElapsedTime(start, handler.EndTimestamp).TotalSeconds;
        processor.Halt();
        thread.Join();
        return new ScenarioResult(events, seconds, processor.AverageBatch, producerBytes, handler.AllocatedBytes, handler.Sum);
    }
}
