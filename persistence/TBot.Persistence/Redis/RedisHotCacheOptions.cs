namespace TBot.Persistence.Redis;

/// <summary>TTLs and sizes of the hot cache (defaults are the seed's).</summary>
public sealed class RedisHotCacheOptions
{
    /// <summary><c>price:{venue}:{symbol}</c>: a price older than a second is not a price any more.</summary>
    public TimeSpan PriceTtl { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>book:{venue}:{symbol}</c> top-N levels.</summary>
    public TimeSpan BookTtl { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>pos:{bot}:{symbol}</c>.</summary>
    public TimeSpan PositionTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>metrics:{bot}</c>.</summary>
    public TimeSpan MetricsTtl { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Levels per side in <c>book:</c> values.</summary>
    public int BookDepth { get; init; } = 10;

    /// <summary>Redis database number (-1: the connection's default).</summary>
    public int Database { get; init; } = -1;

    /// <summary>Publish position updates and fills on the sync channels.</summary>
    public bool Publish { get; init; } = true;
}
