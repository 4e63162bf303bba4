using TBot.Engine.Events;

namespace TBot.Adapters.Ingress;

/// <summary>Where accepted events go: the ring (live, backtest) or a counter (check, perf).</summary>
public interface IEventSink
{
    /// <summary>Take the accepted events of one frame, in order. Called on the ingress thread.</summary>
    void Publish(ReadOnlySpan<MarketEvent> events);
}
