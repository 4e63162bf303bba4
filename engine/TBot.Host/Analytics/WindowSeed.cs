using TBot.Host.Dashboard;

namespace TBot.Host.Analytics;

/// <summary>
/// What a window starting after journal position <see cref="Position"/> needs from before it, taken by the live
/// <see cref="AnalyticsProjection"/>: per instrument the top of book, book levels and last price (marks and the mid at
/// a submit), every bot × instrument position (quantity, cost, realised, fees, fills: unrealised-at-start and the
/// realised of closing fills), and the open orders (submit time and mid for latency and slippage, fills so far).
/// Nothing a window counts is here: a projection restored from a seed and fed the records after
/// <see cref="Position"/> is in the state a scan from position 0 reaches there, provided no record at or before
/// <see cref="Position"/> is inside the window (<see cref="MaxTimeNs"/> &lt; the window's start). Immutable: restoring
/// copies it again.
/// </summary>
public sealed class WindowSeed
{
    private readonly DashboardInstrument?[] _instruments;
    private readonly DashboardPosition[] _positions;
    private readonly KeyValuePair<long, TrackedOrder>[] _orders;

    internal WindowSeed(long position, long records, long maxTimeNs, DashboardInstrument?[] instruments,
        IEnumerable<DashboardPosition> positions, IEnumerable<KeyValuePair<long, TrackedOrder>> orders)
    {
        Position = position;
        Records = records;
        MaxTimeNs = maxTimeNs;
        _instruments = SeedCopy.Instruments(instruments);
        _positions = [.. positions.Select(SeedCopy.Position)];
        // The past's orders are not the window's: their outcome never counts in a window's fill ratios.
        _orders = [.. orders.Select(kv => KeyValuePair.Create(kv.Key, Past(SeedCopy.Order(kv.Value))))];
    }

    /// <summary>The last journal position the seed includes: a restored projection reads the records after it.</summary>
    public long Position { get; }

    /// <summary>Records the journal has up to <see cref="Position"/> (the report's <c>journal.records</c> counts them).</summary>
    public long Records { get; }

    /// <summary>The latest record time up to <see cref="Position"/> (times may step back, so this is a running max):
    /// the seed serves a window whose start is after it.</summary>
    public long MaxTimeNs { get; }

    public int OpenOrders => _orders.Length;

    public int Positions => _positions.Length;

    public int BookLevels => _instruments.Sum(i => i is null ? 0 : i.Bids.Count + i.Asks.Count);

    /// <summary>Approximate heap size: book levels (sorted-dictionary nodes ~48 B), instruments (~200 B with their
    /// dictionaries), positions (~64 B), open orders (~120 B with the array slot).</summary>
    public long ApproximateBytes => 100 + 48L * BookLevels + 200L * _instruments.Count(i => i is not null) + 64L * Positions + 120L * OpenOrders;

    private static TrackedOrder Past(TrackedOrder o)
    {
        o.Counted = false;
        return o;
    }

    internal DashboardInstrument?[] Instruments() => SeedCopy.Instruments(_instruments);

    internal IEnumerable<DashboardPosition> PositionsCopy() => _positions.Select(SeedCopy.Position);

    internal IEnumerable<KeyValuePair<long, TrackedOrder>> OrdersCopy() => _orders.Select(kv => KeyValuePair.Create(kv.Key, SeedCopy.Order(kv.Value)));
}
