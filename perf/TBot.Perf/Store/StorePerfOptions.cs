namespace TBot.Perf.Store;

/// <summary>What <c>tbot perf store</c> measures and against which servers.</summary>
/// <param name="Redis">StackExchange.Redis configuration; null: the Redis numbers are reported as null with the reason.</param>
/// <param name="Postgres">Npgsql connection string of a role that may create databases; null: the PostgreSQL numbers are null.</param>
/// <param name="Events">Records in the catch-up journal.</param>
/// <param name="Rows">market_data rows written by binary COPY.</param>
/// <param name="RedisUpdates">Hot-cache updates (distinct keys per batch, so nothing coalesces) sent to Redis, and raw SETs.</param>
/// <param name="LatencyFrames">Frames of each paced hot-path run (projections off, then on).</param>
/// <param name="LatencyRate">Frames per second of the paced runs.</param>
/// <param name="HotRounds">Rounds of off / on (/ cache only) paced runs, interleaved; the reported latencies are the medians.</param>
public sealed record StorePerfOptions(
    string? Redis = null,
    string? Postgres = null,
    long Events = 10_000_000,
    int Rows = 1_000_000,
    int RedisUpdates = 1_000_000,
    int LatencyFrames = 500_000,
    int LatencyRate = 100_000,
    int HotRounds = 3)
{
    /// <summary>How to start <c>tbot</c> (file and leading arguments, e.g. ["dotnet", ".../tbot.dll"]): when set and a
    /// store is given, each round also runs the hot path with the projections in a separate <c>tbot project</c>
    /// process at nice 10.</summary>
    public IReadOnlyList<string>? Tbot { get; init; }
}
