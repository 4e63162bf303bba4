using System.Diagnostics;
using TBot.Engine.Ring;

namespace TBot.Perf.Ring;

/// <summary>The producer side of the throughput scenarios: publishes 0..events-1 from the calling thread.</summary>
public static class RingProducer
{
    /// <summary>Returns the bytes this thread allocated while publishing; <paramref name="startTimestamp"/> is when it began.</summary>
    public static long Produce(RingBuffer<PerfEvent> ring, long events, out long startTimestamp)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        startTimestamp = Stopwatch.GetTimestamp();
        for (long i = 0; i < events; i++)
        {
            var seq = ring.Next();
            ref var e = ref ring[seq];
            e.Value = i;
            e.Stage = 0;
            ring.Publish(seq);
        }
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
