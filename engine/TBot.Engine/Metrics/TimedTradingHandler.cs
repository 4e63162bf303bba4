using System.Diagnostics;
using TBot.Engine.Events;
using TBot.Engine.Ring;
using TBot.Engine.Trading;

namespace TBot.Engine.Metrics;

/// <summary>
/// The trading core with the queue and tick-to-intent stages timed around it: one clock read per event, a
/// second only when the event caused intents. Nothing is allocated; the core itself is untouched.
/// </summary>
public sealed class TimedTradingHandler(TradingCore core, StageLatencies latencies) : IEventHandler<MarketEvent>
{
    private readonly LatencyRecorder _queue = latencies[LatencyStage.Queue];
    private readonly LatencyRecorder _tickToIntent = latencies[LatencyStage.TickToIntent];
    private readonly TradingCounters _counters = core.Counters;

    public void OnEvent(ref MarketEvent evt, long sequence, bool endOfBatch)
    {
        var start = Stopwatch.GetTimestamp();
        var published = latencies.PublishedAt(sequence);
        if (published != 0) _queue.RecordTicks(start - published);
        var intents = _counters.Intents;
        core.OnEvent(ref evt, sequence, endOfBatch);
        if (_counters.Intents != intents) _tickToIntent.RecordTicks(Stopwatch.GetTimestamp() - start);
    }

    public void OnStart() => ((IEventHandler<MarketEvent>)core).OnStart();

    public void OnShutdown() => ((IEventHandler<MarketEvent>)core).OnShutdown();
}
