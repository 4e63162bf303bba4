using Microsoft.Extensions.Logging;

namespace TBot.Host.Analytics;

/// <summary>
/// The live projection's <see cref="WindowSeed"/>s, so a windowed request reads the journal from the seed before its
/// start instead of from position 0. A seed is taken every <see cref="EveryNs"/> of journal time (10 minutes), just
/// before the first record past each boundary, so a window starting on a boundary finds a seed right before it.
/// Retention, in journal time counted back from the newest seed: every seed of the last <see cref="RecentSeeds"/>
/// intervals (2 h: a "last hour" window reads at most 10 minutes more than itself), then each hour's last seed for
/// <see cref="HourlyHours"/> hours, then each UTC day's last seed (it serves windows from that midnight on) for
/// <see cref="DailyDays"/> days; older ones are dropped, and a window that old is read from position 0. At most
/// 13 + 48 + 30 seeds are kept. Thread-safe: the projection's runner adds, requests look up.
/// </summary>
public sealed class SeedShelf
{
    public const long MinuteNs = 60_000_000_000, HourNs = 60 * MinuteNs, DayNs = 24 * HourNs;
    public const long DefaultEveryNs = 10 * MinuteNs;
    public const int RecentSeeds = 12;
    public const int HourlyHours = 48;
    public const int DailyDays = 30;

    private readonly Lock _gate = new();
    // In journal order: positions and max times both ascend.
    private readonly List<WindowSeed> _seeds = [];
    private readonly ILogger? _log;

    /// <param name="log">Where each seed taken is noted (its size and how many are kept): once per interval.</param>
    public SeedShelf(long everyNs = DefaultEveryNs, ILogger? log = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(everyNs, 1);
        EveryNs = everyNs;
        _log = log;
    }

    /// <summary>Journal time between seeds.</summary>
    public long EveryNs { get; }

    /// <summary>The seeds kept now, oldest first.</summary>
    public IReadOnlyList<WindowSeed> Seeds
    {
        get { lock (_gate) return [.. _seeds]; }
    }

    /// <summary>The first seed boundary after <paramref name="timeNs"/> (a multiple of <see cref="EveryNs"/>).</summary>
    public long NextBoundary(long timeNs)
    {
        var k = Bucket(timeNs, EveryNs);
        return k >= long.MaxValue / EveryNs ? long.MaxValue : (k + 1) * EveryNs;
    }

    public void Add(WindowSeed seed)
    {
        int kept;
        lock (_gate)
        {
            if (_seeds.Count > 0 && seed.Position <= _seeds[^1].Position) return;
            _seeds.Add(seed);
            Prune();
            kept = _seeds.Count;
        }
        _log?.LogInformation("Analytics window seed at position {Position} (records to {Time}): {Levels} book levels, {Positions} positions, {Orders} open orders, ~{Bytes} bytes; {Kept} seeds kept",
            seed.Position, AnalyticsReportBuilder.Iso(seed.MaxTimeNs), seed.BookLevels, seed.Positions, seed.OpenOrders, seed.ApproximateBytes, kept);
    }

    /// <summary>The latest seed that holds no record of a window starting at <paramref name="fromNs"/> (every record
    /// it includes is earlier) and is within what the read may cover (<paramref name="upToPosition"/>); null when
    /// there is none: read from position 0.</summary>
    public WindowSeed? Before(long fromNs, long upToPosition = long.MaxValue)
    {
        lock (_gate)
        {
            for (var i = _seeds.Count - 1; i >= 0; i--)
                if (_seeds[i].MaxTimeNs < fromNs && _seeds[i].Position <= upToPosition) return _seeds[i];
            return null;
        }
    }

    private void Prune()
    {
        var newest = _seeds[^1].MaxTimeNs;
        var kept = new List<WindowSeed>(_seeds.Count);
        for (var i = 0; i < _seeds.Count; i++)
        {
            var s = _seeds[i];
            var age = newest - s.MaxTimeNs;
            var next = i + 1 < _seeds.Count ? _seeds[i + 1].MaxTimeNs : (long?)null;
            if (age <= RecentSeeds * EveryNs
                || (age <= HourlyHours * HourNs && LastOf(HourNs, s.MaxTimeNs, next))
                || (age <= DailyDays * DayNs && LastOf(DayNs, s.MaxTimeNs, next)))
                kept.Add(s);
        }
        if (kept.Count == _seeds.Count) return;
        _seeds.Clear();
        _seeds.AddRange(kept);
    }

    /// <summary>The seed at <paramref name="timeNs"/> is its hour's (day's) last: the next one is in a later one.</summary>
    private static bool LastOf(long bucketNs, long timeNs, long? nextNs) => nextNs is not { } next || Bucket(next, bucketNs) != Bucket(timeNs, bucketNs);

    private static long Bucket(long timeNs, long bucketNs) => timeNs >= 0 ? timeNs / bucketNs : (timeNs + 1) / bucketNs - 1;
}
