using System.Diagnostics;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Ring;

namespace TBot.Perf.Pipeline;

/// <summary>Publishes into the ring like the live sink and remembers, per ring slot, the Stopwatch time the
/// frame's processing began, so the gateway probe can measure tick-to-intent.</summary>
public sealed class StampedRingSink(RingBuffer<MarketEvent> ring) : IEventSink
{
    private readonly long[] _stamps = new long[ring.BufferSize];
    private readonly int _mask = ring.BufferSize - 1;

    /// <summary>Stopwatch ticks when the current frame arrived (set by the feeder before each frame).</summary>
    public long FrameStart { get; set; }

    /// <summary>The run's stage latency recorders, when the cost of timing the stages is measured (--stage-latency).</summary>
    public TBot.Engine.Metrics.StageLatencies? Latencies { get; set; }

    public long StampOf(long sequence) => Volatile.Read(ref _stamps[sequence & _mask]);

    public void Publish(ReadOnlySpan<MarketEvent> events)
    {
        var n = events.Length;
        var high = ring.Next(n);
        var low = high - n + 1;
        for (var i = 0; i < n; i++)
        {
            ring[low + i] = events[i];
            _stamps[(low + i) & _mask] = FrameStart;
        }
        Latencies?.OnPublishing(low, high, events[0].ReceiveTimeNs);
        ring.Publish(low, high);
    }

    public static long Now() => Stopwatch.GetTimestamp();
}
