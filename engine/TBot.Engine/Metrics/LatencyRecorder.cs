using System.Diagnostics;
using System.Runtime.CompilerServices;
using HdrHistogram;

namespace TBot.Engine.Metrics;

/// <summary>
/// Latencies of one stage in nanoseconds, recorded on the hot path into a preallocated HdrHistogram
/// <see cref="Recorder"/> (two histograms swapped by the reader: the writer only increments a count, never
/// allocates, never waits). One reader at a time takes the interval recorded since its last take.
/// </summary>
public sealed class LatencyRecorder
{
    /// <summary>Longest value kept apart; longer ones (a stalled thread, a clock step) count as this.</summary>
    public const long HighestNs = 60_000_000_000;
    public const int SignificantDigits = 3;

    private static readonly double NsPerTick = 1e9 / Stopwatch.Frequency;

    private readonly Recorder _recorder;
    private HistogramBase? _interval;

    /// <param name="concurrentWriters">More than one thread records (e.g. fsync from the writer and the fsync thread).</param>
    public LatencyRecorder(bool concurrentWriters = false)
    {
        _recorder = concurrentWriters
            ? new Recorder(1, HighestNs, SignificantDigits, static (id, low, high, digits) => new LongConcurrentHistogram(id, low, high, digits))
            : new Recorder(1, HighestNs, SignificantDigits, static (id, low, high, digits) => new LongHistogram(id, low, high, digits));
    }

    /// <summary>A histogram shaped like the recorder's, for readers that accumulate intervals.</summary>
    public static HistogramBase NewAccumulator() => new LongHistogram(1, HighestNs, SignificantDigits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(long ns) => _recorder.RecordValue(ns <= 0 ? 0 : ns >= HighestNs ? HighestNs : ns);

    /// <summary>Record a <see cref="Stopwatch"/> tick difference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordTicks(long ticks) => Record((long)(ticks * NsPerTick));

    /// <summary>Swap and return what was recorded since the last take (reader side; callers serialise). The
    /// returned histogram is reused: it is valid until the next call.</summary>
    public HistogramBase TakeInterval()
    {
        _interval = _recorder.GetIntervalHistogram(_interval);
        return _interval;
    }
}
