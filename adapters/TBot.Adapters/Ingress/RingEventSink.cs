using TBot.Engine.Events;
using TBot.Engine.Ring;

namespace TBot.Adapters.Ingress;

/// <summary>Publishes accepted events into the ring: one claim for the whole frame, copied in place, one publish.
/// With <paramref name="latencies"/>, the claimed slots are stamped and the frame's ingress latency recorded.</summary>
public sealed class RingEventSink(RingBuffer<MarketEvent> ring, TBot.Engine.Metrics.StageLatencies? latencies = null) : IEventSink
{
    public void Publish(ReadOnlySpan<MarketEvent> events)
    {
        var remaining = events;
        while (!remaining.IsEmpty)
        {
            // A frame larger than the ring is published in ring-sized pieces.
            var n = Math.Min(remaining.Length, ring.BufferSize);
            var high = ring.Next(n);
            var low = high - n + 1;
            for (var i = 0; i < n; i++) ring[low + i] = remaining[i];
            latencies?.OnPublishing(low, high, remaining[0].ReceiveTimeNs);
            ring.Publish(low, high);
            remaining = remaining[n..];
        }
    }
}
