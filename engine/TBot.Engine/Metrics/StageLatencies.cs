using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace TBot.Engine.Metrics;

/// <summary>
/// The latency recorders of a run, one per <see cref="LatencyStage"/>, and the publish time of each ring slot.
/// <para>
/// A producer that wants its events timed calls <see cref="OnPublishing"/> between claim and publish: it stamps
/// the claimed slots with the monotonic clock and records the ingress stage from the frame's receive time. The
/// trading handler reads the stamp (queue stage); the journal handler, last in the gating chain, reads and clears
/// it (journal stage), so a slot later filled by a producer that does not stamp (timer, control) reads 0 and is
/// not timed. The slot cannot be reused before the journal has passed it, so no stamp is ever overwritten early.
/// </para>
/// </summary>
public sealed class StageLatencies
{
    private readonly LatencyRecorder[] _recorders;
    private readonly long[] _published;
    private readonly int _mask;

    public StageLatencies(int ringSize)
    {
        if (ringSize <= 0 || (ringSize & (ringSize - 1)) != 0) throw new ArgumentException("The ring size must be a power of two.", nameof(ringSize));
        _recorders = new LatencyRecorder[LatencyStages.All.Length];
        foreach (var stage in LatencyStages.All)
            _recorders[(int)stage] = new LatencyRecorder(concurrentWriters: stage == LatencyStage.Fsync);
        _published = new long[ringSize];
        _mask = ringSize - 1;
    }

    public LatencyRecorder this[LatencyStage stage] => _recorders[(int)stage];

    /// <summary>Producer side, after claiming [<paramref name="low"/>, <paramref name="high"/>] and before publishing
    /// them: stamp the slots and record the ingress stage of the frame (received at <paramref name="receiveTimeNs"/>,
    /// Unix ns; 0: not recorded).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnPublishing(long low, long high, long receiveTimeNs)
    {
        var now = Stopwatch.GetTimestamp();
        for (var s = low; s <= high; s++) _published[(int)s & _mask] = now;
        if (receiveTimeNs > 0) _recorders[(int)LatencyStage.Ingress].Record(UnixNowNs() - receiveTimeNs);
    }

    /// <summary>Publish time (Stopwatch ticks) of the event at <paramref name="sequence"/>, 0 when not stamped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long PublishedAt(long sequence) => _published[(int)sequence & _mask];

    /// <summary>Read and clear the stamp (journal handler only: the last consumer of the slot).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long TakePublishedAt(long sequence)
    {
        ref var slot = ref _published[(int)sequence & _mask];
        var stamp = slot;
        slot = 0;
        return stamp;
    }

    /// <summary>The clock of the events' receive times (wall clock, Unix ns).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long UnixNowNs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
