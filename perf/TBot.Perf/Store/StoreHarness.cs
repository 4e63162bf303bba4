using System.Runtime.InteropServices;
using StackExchange.Redis;
using TBot.Engine.Journal;
using TBot.Persistence.Memory;
using TBot.Persistence.Postgres.History;
using TBot.Persistence.Postgres.Warm;
using TBot.Persistence.Projections;
using TBot.Persistence.Redis;

namespace TBot.Perf.Store;

/// <summary>
/// <c>tbot perf store</c>: what the stores cost and sustain on this machine. market_data binary COPY into a scratch
/// PostgreSQL database; hot-cache SETs to Redis (through RedisHotCache, and raw); catch-up of a journal into the
/// in-process cache and Redis; and the hot path's tick-to-intent p99 without, then with, the projections tailing its
/// journal live in the same process. A part whose server is not given is reported as null with the reason.
/// </summary>
public static class StoreHarness
{
    // Checkpoint keys of the projections this benchmark runs: deleted before and after, never a real projection's.
    private const string CatchUpName = "perf-store-catchup";
    private const string SetsName = "perf-store-sets";
    private const string LiveName = "perf-store-live";

    public static async Task<StorePerfResult> RunAsync(StorePerfOptions options, TextWriter progress, CancellationToken cancellationToken = default)
    {
        var skipped = new Dictionary<string, string>();
        var loadStart = MachineLoad.OneMinute();
        progress.WriteLine($"load average (1 min) at start: {loadStart?.ToString("F2") ?? "unknown"} on {Environment.ProcessorCount} cores");
        var root = Path.Combine(Path.GetTempPath(), "tbot-perf-store-" + Guid.NewGuid().ToString("N")[..8]);
        ConnectionMultiplexer? redis = null;
        ScratchDatabase? database = null;
        try
        {
            if (options.Redis is { } redisConfig) redis = await ConnectRedisAsync(redisConfig, cancellationToken).ConfigureAwait(false);
            else Skip(skipped, "no --redis given", "redis_ops_per_sec", "redis_raw_set_ops_per_sec", "catchup_events_per_sec_redis");
            if (options.Postgres is { } pg)
            {
                database = await ScratchDatabase.CreateAsync(pg, cancellationToken).ConfigureAwait(false);
                progress.WriteLine($"scratch database {database.Name} ({database.Migration.Path} path, schema version {database.Migration.Version})");
            }
            else Skip(skipped, "no --postgres given", "copy_rows_per_sec");
            var absent = new List<string>();
            if (redis is null) absent.Add("--redis");
            if (database is null) absent.Add("--postgres");
            if (absent.Count > 0) skipped["hot_projections"] = $"no {string.Join("/", absent)} given: those stores did not tail the hot path";

            // The hot path first: the bulk parts below leave work behind (dirty pages of a GiB journal, PostgreSQL
            // autovacuum after a million-row COPY) that would land in its measurement.
            var hot = await HotPathComparison.RunAsync(options, progress, manifest => LiveProjections(manifest, redis, database),
                withServers: redis is not null || database is not null, () => DeleteLiveCheckpointAsync(redis)).ConfigureAwait(false);

            // Catch-up and COPY share one journal of the realistic mix.
            progress.WriteLine($"writing a {options.Events:N0}-record journal (quotes, book deltas, trades, timers, decisions, fills) under {root}");
            var mix = MarketMixJournal.Write(Path.Combine(root, "mix"), options.Events);
            progress.WriteLine($"  {mix.LastPosition / mix.WriteSeconds / 1e6:F2} M records/s written, {mix.Bytes / (1 << 20):N0} MiB");
            var memorySeconds = await CatchUp.MeasureAsync(new InProcessHotCache(mix.Manifest), mix, cancellationToken).ConfigureAwait(false);
            progress.WriteLine($"catch-up into the in-process cache: {mix.LastPosition / memorySeconds / 1e6:F2} M records/s ({memorySeconds:F2} s)");
            double? redisCatchUp = null;
            if (redis is not null)
            {
                var seconds = await WithCheckpointRemovedAsync(redis, CatchUpName, () =>
                    CatchUp.MeasureAsync(new RedisHotCache(redis, mix.Manifest, name: CatchUpName), mix, cancellationToken)).ConfigureAwait(false);
                redisCatchUp = mix.LastPosition / seconds;
                progress.WriteLine($"catch-up into Redis (RedisHotCache, publishing fills): {redisCatchUp / 1e6:F2} M records/s ({seconds:F2} s)");
            }
            (double RowsPerSec, long Rows)? copy = null;
            if (database is not null)
            {
                copy = await CopyThroughput.MeasureAsync(database, mix, options.Rows, cancellationToken).ConfigureAwait(false);
                progress.WriteLine($"market_data binary COPY: {copy.Value.RowsPerSec:N0} rows/s ({copy.Value.Rows:N0} rows, one transaction)");
            }
            Directory.Delete(mix.Directory, recursive: true); // up to a few GiB: gone before the next part

            double? redisOps = null, rawOps = null, memoryOps = null;
            long? redisSets = null;
            if (redis is not null)
            {
                var wide = WideQuoteJournal.Write(Path.Combine(root, "wide"), options.RedisUpdates);
                // The in-process cache runs the same view, so its SET count is exactly what RedisHotCache sends.
                var twin = new InProcessHotCache(wide.Manifest);
                var twinSeconds = await CatchUp.MeasureAsync(twin, wide, cancellationToken).ConfigureAwait(false);
                memoryOps = twin.Sets / twinSeconds;
                progress.WriteLine($"the same updates into the in-process cache: {memoryOps:N0} SETs/s (view + JSON, no network)");
                var seconds = await WithCheckpointRemovedAsync(redis, SetsName, () =>
                    CatchUp.MeasureAsync(new RedisHotCache(redis, wide.Manifest, new RedisHotCacheOptions { Publish = false }, SetsName), wide, cancellationToken)).ConfigureAwait(false);
                redisSets = twin.Sets;
                redisOps = twin.Sets / seconds;
                progress.WriteLine($"hot-cache SETs to Redis (RedisHotCache, MULTI/EXEC per {new JournalTailOptions().BatchSize}-record batch, no coalescing): {redisOps:N0} SETs/s ({twin.Sets:N0} SETs)");
                rawOps = await RawRedisSets.MeasureAsync(redis.GetDatabase(), options.RedisUpdates, cancellationToken).ConfigureAwait(false);
                progress.WriteLine($"raw pipelined SET EX (no transaction): {rawOps:N0} SETs/s");
                Directory.Delete(wide.Directory, recursive: true);
            }

            return new StorePerfResult
            {
                CopyRowsPerSec = copy is { } c ? Math.Round(c.RowsPerSec) : null,
                CopyRows = copy?.Rows,
                PostgresScratchDatabase = database?.Name,
                PostgresSchemaPath = database?.Migration.Path.ToString(),
                RedisOpsPerSec = redisOps is { } r ? Math.Round(r) : null,
                RedisSets = redisSets,
                RedisRawSetOpsPerSec = rawOps is { } raw ? Math.Round(raw) : null,
                MemorySetOpsPerSec = memoryOps is { } m ? Math.Round(m) : null,
                CatchUpEventsPerSec = Math.Round(mix.LastPosition / memorySeconds),
                CatchUpEventsPerSecRedis = redisCatchUp is { } rc ? Math.Round(rc) : null,
                CatchUpEvents = mix.LastPosition,
                CatchUpJournalBytes = mix.Bytes,
                CatchUpJournalWriteEventsPerSec = Math.Round(mix.LastPosition / mix.WriteSeconds),
                HotP99NsOff = hot.Off.P99,
                HotP99NsOn = hot.On.P99,
                HotP99Ratio = hot.Off.P99 == 0 ? 0 : Math.Round((double)hot.On.P99 / hot.Off.P99, 2),
                HotP99NsOnMemoryOnly = hot.MemoryOnly?.P99,
                HotP99NsOnExternal = hot.External?.P99,
                HotP50NsOnExternal = hot.External?.P50,
                HotP99NsOnExternalRounds = hot.ExternalP99Rounds,
                HotP99RatioExternal = hot.External is { } ext && hot.Off.P99 != 0 ? Math.Round((double)ext.P99 / hot.Off.P99, 2) : null,
                HotExternalProjections = hot.ExternalProjections,
                HotExternalEndLagEvents = hot.External is null ? null : hot.ExternalEndLag,
                HotExternalFailures = hot.External is null ? null : hot.ExternalFailures,
                HotP50NsOff = hot.Off.P50,
                HotP50NsOn = hot.On.P50,
                HotP999NsOff = hot.Off.P999,
                HotP999NsOn = hot.On.P999,
                HotRounds = options.HotRounds,
                HotP99NsOffRounds = hot.OffP99Rounds,
                HotP99NsOnRounds = hot.OnP99Rounds,
                HotP99NsOnMemoryOnlyRounds = hot.MemoryOnlyP99Rounds,
                HotLatencyRate = options.LatencyRate,
                HotLatencyFrames = options.LatencyFrames,
                HotProjections = hot.Projections,
                HotProjectionMaxLagEvents = hot.MaxLag,
                HotProjectionFailures = hot.Failures,
                Skipped = skipped,
                LoadAverageStart = loadStart,
                LoadAverageEnd = MachineLoad.OneMinute(),
                Cores = Environment.ProcessorCount,
                Runtime = RuntimeInformation.FrameworkDescription,
                TimestampUtc = DateTime.UtcNow,
            };
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (DirectoryNotFoundException) { } catch (IOException) { }
            if (database is not null) await database.DisposeAsync().ConfigureAwait(false);
            redis?.Dispose();
        }
    }

    private static List<IProjection> LiveProjections(JournalManifest manifest, ConnectionMultiplexer? redis, ScratchDatabase? database)
    {
        var projections = new List<IProjection> { new InProcessHotCache(manifest) };
        if (redis is not null) projections.Add(new RedisHotCache(redis, manifest, name: LiveName));
        if (database is not null)
        {
            projections.Add(new WarmTablesLiveProjection(database.DataSource, manifest));
            projections.Add(new MarketDataLiveProjection(database.DataSource, manifest, database.Migration.Path));
            projections.Add(new PerformanceMetricsLiveProjection(database.DataSource, manifest, database.Migration.Path));
        }
        return projections;
    }

    private static async Task DeleteLiveCheckpointAsync(ConnectionMultiplexer? redis)
    {
        if (redis is not null) await redis.GetDatabase().KeyDeleteAsync(RedisKeys.Checkpoint(LiveName)).ConfigureAwait(false);
    }

    private static async Task<ConnectionMultiplexer> ConnectRedisAsync(string configuration, CancellationToken cancellationToken)
    {
        var redis = await RedisConnector.ConnectAsync(configuration, cancellationToken).ConfigureAwait(false);
        try
        {
            // The connector tolerates a server that is down (the engine keeps running); a benchmark must not.
            await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            return redis;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            redis.Dispose();
            throw new InvalidOperationException($"Redis is not reachable with the given --redis configuration: {ex.Message}", ex);
        }
    }

    private static async Task<double> WithCheckpointRemovedAsync(ConnectionMultiplexer redis, string name, Func<Task<double>> measure)
    {
        var db = redis.GetDatabase();
        await db.KeyDeleteAsync(RedisKeys.Checkpoint(name)).ConfigureAwait(false);
        try { return await measure().ConfigureAwait(false); }
        finally { await db.KeyDeleteAsync(RedisKeys.Checkpoint(name)).ConfigureAwait(false); }
    }

    private static void Skip(Dictionary<string, string> skipped, string reason, params string[] fields)
    {
        foreach (var field in fields) skipped[field] = reason;
    }
}
