using TBot.Engine.Events;

namespace TBot.Adapters.Ingress;

/// <summary>Counts accepted events (tbot check, perf ingest) and keeps a running checksum so the work cannot be optimised away.</summary>
public sealed class CountingEventSink : IEventSink
{
    public long Events { get; private set; }

    public long Checksum { get; private set; }

    public void Publish(ReadOnlySpan<MarketEvent> events)
    {
        Events += events.Length;
        for (var i = 0; i < events.Length; i++) Checksum += events[i].Price ^ events[i].Bid;
    }
}
