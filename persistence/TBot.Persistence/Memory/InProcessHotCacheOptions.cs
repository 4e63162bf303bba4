using TBot.Persistence.Redis;

namespace TBot.Persistence.Memory;

/// <summary>TTLs and sizes of the in-process cache. The defaults are read from <see cref="RedisHotCacheOptions"/>, so the
/// embedded cache and Redis cannot drift apart: a reader sees the same keys live for the same time with either.</summary>
public sealed class InProcessHotCacheOptions
{
    private static readonly RedisHotCacheOptions RedisDefaults = new();

    /// <summary><c>price:{venue}:{symbol}</c>.</summary>
    public TimeSpan PriceTtl { get; init; } = RedisDefaults.PriceTtl;

    /// <summary><c>book:{venue}:{symbol}</c>.</summary>
    public TimeSpan BookTtl { get; init; } = RedisDefaults.BookTtl;

    /// <summary><c>pos:{bot}:{symbol}</c>.</summary>
    public TimeSpan PositionTtl { get; init; } = RedisDefaults.PositionTtl;

    /// <summary><c>metrics:{bot}</c>.</summary>
    public TimeSpan MetricsTtl { get; init; } = RedisDefaults.MetricsTtl;

    /// <summary>Levels per side in <c>book:</c> values.</summary>
    public int BookDepth { get; init; } = RedisDefaults.BookDepth;

    /// <summary>How often (at most) the writer sweeps expired keys out while applying batches. Reads drop an expired
    /// key they meet on their own; the sweep frees the ones nobody reads.</summary>
    public TimeSpan PurgeInterval { get; init; } = TimeSpan.FromSeconds(1);
}
