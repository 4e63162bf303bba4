using TBot.Engine.Ring;

namespace TBot.Perf.Ring;

/// <summary>
/// A consumer that does the same work as the channel reader (sum the values) and watches its own
/// thread's allocations between the first and the last event of a run.
/// </summary>
public sealed class SummingHandler : IEventHandler<PerfEvent>
{
    private readonly long _lastSequence;
    private readonly long _stage;
    private long _allocatedAtFirst;
    private readonly ManualResetEventSlim _done = new();

    public SummingHandler(long lastSequence, long stage = 0)
    {
        _lastSequence = lastSequence;
        _stage = stage;
    }

    public long Sum { get; private set; }

    public long AllocatedBytes { get; private set; }

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp taken at the last event.</summary>
    public long EndTimestamp { get; private set; }

    /// <summary>Stage markers out of order (a pipeline stage ran before its upstream): must stay 0.</summary>
    public long OrderViolations { get; private set; }

    public void OnEvent(ref PerfEvent evt, long sequence, bool endOfBatch)
    {
        if (sequence == 0) _allocatedAtFirst = GC.GetAllocatedBytesForCurrentThread();
        Sum += evt.Value;
        if (_stage > 0)
        {
            // Each stage checks its upstream already ran on this slot, then marks it.
            if (evt.Stage != _stage - 1) OrderViolations++;
            evt.Stage = _stage;
        }
        if (sequence == _lastSequence)
        {
            EndTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
            AllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - _allocatedAtFirst;
            _done.Set();
        }
    }

    public bool WaitDone(TimeSpan timeout) => _done.Wait(timeout);
}
