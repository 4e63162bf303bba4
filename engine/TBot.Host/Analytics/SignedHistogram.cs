using HdrHistogram;

namespace TBot.Host.Analytics;

/// <summary>
/// Percentiles of a signed quantity (slippage in hundredths of a basis point) with fixed memory: HdrHistogram holds
/// only non-negative values, so the negative values' magnitudes go into a second histogram and a percentile's rank is
/// looked up in whichever half holds it. Exact below 2048 hundredths (20.48 bps), within 0.1% above.
/// </summary>
internal sealed class SignedHistogram
{
    private const long Highest = 100_000_000; // 1,000,000 bps: anything beyond is clamped
    private readonly LongHistogram _positive = new(1, Highest, 3);
    private readonly LongHistogram _negative = new(1, Highest, 3);

    public long Count => _positive.TotalCount + _negative.TotalCount;

    public void Record(long value)
    {
        if (value >= 0) _positive.RecordValue(Math.Min(value, Highest));
        else _negative.RecordValue(Math.Min(-value, Highest));
    }

    public void Add(SignedHistogram other)
    {
        if (other._positive.TotalCount > 0) _positive.Add(other._positive);
        if (other._negative.TotalCount > 0) _negative.Add(other._negative);
    }

    /// <summary>The value at <paramref name="percentile"/> (nearest rank over both halves), 0 when empty.</summary>
    public long At(double percentile)
    {
        var total = Count;
        if (total == 0) return 0;
        var rank = Math.Clamp((long)Math.Ceiling(percentile / 100.0 * total), 1, total);
        long negatives = _negative.TotalCount;
        if (rank <= negatives)
        {
            // Ascending order starts with the largest negative magnitude: rank r is the (n − r + 1)-th smallest magnitude.
            var fromSmallest = negatives - rank + 1;
            return -_negative.GetValueAtPercentile(100.0 * fromSmallest / negatives);
        }
        var positives = _positive.TotalCount;
        return _positive.GetValueAtPercentile(100.0 * (rank - negatives) / positives);
    }
}
