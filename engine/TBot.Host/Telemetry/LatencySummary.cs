using HdrHistogram;

namespace TBot.Host.Telemetry;

/// <summary>Percentiles of one stage over one window, in nanoseconds (all 0 when nothing was recorded).</summary>
public readonly record struct LatencySummary(long Count, long P50Ns, long P99Ns, long P999Ns, long MaxNs)
{
    public static LatencySummary Of(HistogramBase h) => h.TotalCount == 0
        ? default
        : new LatencySummary(h.TotalCount, h.GetValueAtPercentile(50), h.GetValueAtPercentile(99), h.GetValueAtPercentile(99.9), h.GetMaxValue());
}
