namespace TBot.Adapters.History;

/// <summary>How <see cref="HistoryFetcher"/> fetches: catalog root, kind, kline interval, book snapshot period, retries.</summary>
public sealed class HistoryFetchOptions
{
    public string OutputDirectory { get; init; } = CatalogLayout.DefaultDirectory;

    public CatalogKind Kind { get; init; } = CatalogKind.Trades;

    /// <summary>Kline interval in the venue's spelling of minutes/hours ("1m", "5m", "1h"); klines only.</summary>
    public string Interval { get; init; } = "1m";

    /// <summary>Book kind: time between two depth snapshots.</summary>
    public TimeSpan SnapshotEvery { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Book kind: levels per side requested.</summary>
    public int BookDepth { get; init; } = 100;

    /// <summary>Attempts per page (transport errors, a page cut off, a malformed body); 1 = fail on the first error.</summary>
    public int PageAttempts { get; init; } = 4;

    /// <summary>Delay before re-requesting a failed page (doubled per attempt).</summary>
    public TimeSpan PageRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Outlier band around the rolling median, basis points.</summary>
    public int OutlierBandBps { get; init; } = 1000;

    /// <summary>Interval in milliseconds (minutes and hours only: candles are cleaned for gaps at this spacing).</summary>
    public static long IntervalMs(string interval) => interval switch
    {
        "1m" => 60_000,
        "3m" => 180_000,
        "5m" => 300_000,
        "15m" => 900_000,
        "30m" => 1_800_000,
        "1h" or "1H" => 3_600_000,
        "2h" or "2H" => 7_200_000,
        "4h" or "4H" => 14_400_000,
        _ => 0,
    };
}
