using HdrHistogram;

namespace TBot.Host.Analytics;

/// <summary>
/// One latency distribution in nanoseconds: a fixed-size HdrHistogram (3 significant digits, up to 1 h; longer values
/// are clamped and counted in <see cref="Clamped"/>), plus the exact count, sum and maximum. Negative durations (clock
/// skew between a venue and us) are not recorded, only counted. Memory is fixed whatever the journal's length.
/// </summary>
internal sealed class LatencyHistogram
{
    public const long HighestNs = 3_600_000_000_000;

    private readonly LongHistogram _histogram = new(1, HighestNs, 3);
    private long _sum, _max;

    public long Count { get; private set; }

    public long Negative { get; private set; }

    public long Clamped { get; private set; }

    public void Record(long ns)
    {
        if (ns < 0)
        {
            Negative++;
            return;
        }
        Count++;
        _sum += ns;
        if (ns > _max) _max = ns;
        if (ns > HighestNs)
        {
            Clamped++;
            ns = HighestNs;
        }
        _histogram.RecordValue(ns);
    }

    public void Add(LatencyHistogram other)
    {
        if (other.Count > 0) _histogram.Add(other._histogram);
        Count += other.Count;
        _sum += other._sum;
        _max = Math.Max(_max, other._max);
        Negative += other.Negative;
        Clamped += other.Clamped;
    }

    public void Add(HistogramBase stage)
    {
        if (stage.TotalCount == 0) return;
        _histogram.Add(stage);
        Count += stage.TotalCount;
        _sum += (long)(stage.GetMean() * stage.TotalCount);
        _max = Math.Max(_max, stage.GetMaxValue());
    }

    public LatencyRow Row() => Count == 0
        ? new LatencyRow(0, 0, 0, 0, 0, 0, 0, 0, Negative)
        : new LatencyRow(Count, _sum / Count, At(50), At(90), At(99), At(99.9), _max, Clamped, Negative);

    // HdrHistogram answers the highest value equivalent to the bucket (within 0.1%), never above the exact maximum.
    private long At(double percentile) => Math.Min(_histogram.GetValueAtPercentile(percentile), _max);
}
