using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TBot.Engine.Ring;

namespace TBot.Perf.Ring;

/// <summary>One producer → a 3-stage chain A → B → C (fused on one thread on small hosts, see <see cref="ThreadingMode"/>).</summary>
public static class PipelineScenario
{
    public static ScenarioResult Run(RingPerfOptions options, long events, ILogger logger, out bool fused, out long orderViolations)
    {
        var ring = RingBuffer<PerfEvent>.CreateSingleProducer(options.RingSize, WaitStrategies.Create(options.WaitStrategy));
        var a = new SummingHandler(events - 1, stage: 1);
        var b = new SummingHandler(events - 1, stage: 2);
        var c = new SummingHandler(events - 1, stage: 3);
        var pipeline = new EventPipeline<PerfEvent>(ring, new PipelineOptions
        {
            Name = "tbot-perf",
            Threading = options.PipelineThreading,
            FusedCpu = options.Pin ? 1 : null,
        }, logger);
        pipeline.HandleEventsWith("a", a).Then("b", b).Then("c", c);
        pipeline.Start();
        fused = pipeline.IsFused;

        var producerBytes = RingProducer.Produce(ring, events, out var start);
        if (!c.WaitDone(TimeSpan.FromMinutes(5))) throw new TimeoutException("Pipeline did not finish.");
        var seconds = Stopwatch.GetElapsedTime(start, c.EndTimestamp).TotalSeconds;
        pipeline.Halt(TimeSpan.FromSeconds(30));

        double batches = 0, processed = 0;
        foreach (var p in pipeline.Processors)
        {
            batches += p.Batches;
            processed += p.Events;
        }
        orderViolations = a.OrderViolations + b.OrderViolations + c.OrderViolations;
        var consumerBytes = a.AllocatedBytes + b.AllocatedBytes + c.AllocatedBytes;
        return new ScenarioResult(events, seconds, batches == 0 ? 0 : processed / batches, producerBytes, consumerBytes, c.Sum);
    }
}
