using System.Diagnostics;
using TBot.Engine.Events;
using TBot.Engine.Journal;
using TBot.Engine.Ring;

namespace TBot.Engine.Metrics;

/// <summary>
/// The journal handler with the journal stage timed: at the end of each batch (after the handler wrote it per
/// its flush policy), one clock read, then every stamped event of the batch is recorded and its stamp cleared.
/// The processor advances the journal's sequence only after the batch, so the slots are still ours here.
/// </summary>
public sealed class TimedJournalHandler(JournalHandler journal, StageLatencies latencies) : IEventHandler<MarketEvent>
{
    private readonly LatencyRecorder _journal = latencies[LatencyStage.Journal];
    private long _batchStart = -1;

    public void OnEvent(ref MarketEvent evt, long sequence, bool endOfBatch)
    {
        if (_batchStart < 0) _batchStart = sequence;
        journal.OnEvent(ref evt, sequence, endOfBatch);
        if (!endOfBatch) return;
        var now = Stopwatch.GetTimestamp();
        for (var s = _batchStart; s <= sequence; s++)
        {
            var published = latencies.TakePublishedAt(s);
            if (published != 0) _journal.RecordTicks(now - published);
        }
        _batchStart = -1;
    }

    public void OnStart() => ((IEventHandler<MarketEvent>)journal).OnStart();

    public void OnShutdown() => journal.OnShutdown();
}
