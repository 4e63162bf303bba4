namespace TBot.Host.Analytics;

/// <summary>A latency distribution as reported (nanoseconds): percentiles within 0.1% (HdrHistogram, 3 digits), exact
/// count, mean and max; <c>clamped</c> values were above 1 h, <c>negative</c> ones (clock skew) were left out.</summary>
public sealed record LatencyRow(long Count, long MeanNs, long P50Ns, long P90Ns, long P99Ns, long P999Ns, long MaxNs, long Clamped, long Negative);
