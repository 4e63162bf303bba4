namespace TBot.Adapters.Connections;

/// <summary>Settings of a <see cref="RestClient"/>.</summary>
public sealed class RestClientOptions
{
    /// <summary>Attempts per call, the first included (idempotent calls only are retried).</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Delays between retries of 5xx answers and transport errors.</summary>
    public BackoffPolicy RetryBackoff { get; set; } = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), TimeSpan.Zero);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Penalty when a 429 comes without Retry-After.</summary>
    public TimeSpan Default429Penalty { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Penalty when a 418 (IP ban) comes without Retry-After; Binance bans start at 2 minutes.</summary>
    public TimeSpan Default418Penalty { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Upper bound on any Retry-After we honour (Binance bans go up to 3 days).</summary>
    public TimeSpan MaxPenalty { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Bodies larger than this fail the call.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024 * 1024;
}
