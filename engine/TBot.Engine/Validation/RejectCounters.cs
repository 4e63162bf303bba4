using TBot.Engine.Instruments;

namespace TBot.Engine.Validation;

/// <summary>
/// Rejection counts by venue and reason: one flat array of longs, incremented by the ingress thread and
/// read by metrics exporters (reads may be a moment behind; each count is a single 64-bit word).
/// </summary>
public sealed class RejectCounters
{
    private const int Venues = 4;
    private readonly long[] _counts = new long[Venues * RejectReasons.Count];

    public void Increment(Venue venue, RejectReason reason) =>
        Interlocked.Increment(ref _counts[(int)venue * RejectReasons.Count + (int)reason]);

    public long Get(Venue venue, RejectReason reason) =>
        Volatile.Read(ref _counts[(int)venue * RejectReasons.Count + (int)reason]);

    /// <summary>Total rejections of a venue.</summary>
    public long Total(Venue venue)
    {
        long total = 0;
        for (var r = 1; r < RejectReasons.Count; r++) total += Volatile.Read(ref _counts[(int)venue * RejectReasons.Count + r]);
        return total;
    }

    /// <summary>Non-zero counts of a venue, by reason name (edge code: allocates).</summary>
    public SortedDictionary<string, long> Snapshot(Venue venue)
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var r = 1; r < RejectReasons.Count; r++)
        {
            var n = Volatile.Read(ref _counts[(int)venue * RejectReasons.Count + r]);
            if (n != 0) result[RejectReasons.Name((RejectReason)r)] = n;
        }
        return result;
    }
}
