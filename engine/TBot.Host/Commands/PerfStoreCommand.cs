using System.CommandLine;
using TBot.Perf.Store;

namespace TBot.Host.Commands;

/// <summary><c>tbot perf store</c>: store throughput (COPY, Redis SETs, projection catch-up) and what live projections cost the hot path.</summary>
public static class PerfStoreCommand
{
    public static Command Create()
    {
        var redis = new Option<string?>("--redis") { Description = "Redis (StackExchange.Redis syntax, e.g. 127.0.0.1:6379,defaultDatabase=11). The benchmark writes hot-cache keys with TTLs there: use a spare database. Without it the Redis numbers are null." };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string of a role with CREATEDB: a scratch database tbot_perf_<guid> is created, migrated and dropped. Without it the COPY number is null." };
        var events = new Option<long>("--events") { Description = "Records in the catch-up journal (written under the temp directory, deleted after).", DefaultValueFactory = _ => 10_000_000 };
        var rows = new Option<int>("--rows") { Description = "market_data rows written by binary COPY.", DefaultValueFactory = _ => 1_000_000 };
        var updates = new Option<int>("--redis-updates") { Description = "Hot-cache SETs sent to Redis (and raw SETs).", DefaultValueFactory = _ => 1_000_000 };
        var latencyFrames = new Option<int>("--latency-frames") { Description = "Frames of each paced hot-path run (projections off, then on).", DefaultValueFactory = _ => 500_000 };
        var rate = new Option<int>("--latency-rate") { Description = "Frames/s of the paced hot-path runs.", DefaultValueFactory = _ => 100_000 };
        var rounds = new Option<int>("--hot-rounds") { Description = "Interleaved rounds of the off / on hot-path runs; medians are reported.", DefaultValueFactory = _ => 3 };
        var json = new Option<FileInfo?>("--json") { Description = "Write the result as JSON to this path." };
        var command = new Command("store", "Store throughput and the hot path's p99 with projections off vs on.") { redis, postgres, events, rows, updates, latencyFrames, rate, rounds, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new StorePerfOptions(parse.GetValue(redis), parse.GetValue(postgres), parse.GetValue(events), parse.GetValue(rows),
                parse.GetValue(updates), parse.GetValue(latencyFrames), parse.GetValue(rate), parse.GetValue(rounds))
            {
                Tbot = Self(),
            };
            if (options.Events < 1000 || options.Rows < 1 || options.RedisUpdates < 1 || options.LatencyFrames < 1000 || options.LatencyRate < 1 || options.HotRounds < 1)
            {
                Console.Error.WriteLine("--events and --latency-frames must be at least 1000; --rows, --redis-updates, --latency-rate and --hot-rounds at least 1.");
                return 2;
            }
            StorePerfResult r;
            try { r = await StoreHarness.RunAsync(options, Console.Out, cancellationToken); }
            catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
            Console.WriteLine();
            Console.WriteLine("| measure | value | meaning |");
            Console.WriteLine("|---|---:|---|");
            Row("copy_rows_per_sec", r.CopyRowsPerSec, "market_data rows/s, binary COPY in one transaction");
            Row("redis_ops_per_sec", r.RedisOpsPerSec, "hot-cache SETs/s via RedisHotCache (MULTI/EXEC per batch, nothing coalesced)");
            Row("redis_raw_set_ops_per_sec", r.RedisRawSetOpsPerSec, "plain pipelined SET EX, no transaction");
            Row("memory_set_ops_per_sec", r.MemorySetOpsPerSec, "the same updates into the in-process cache (no network)");
            Row("catchup_events_per_sec", r.CatchUpEventsPerSec, $"journal records/s into the in-process cache ({r.CatchUpEvents:N0} records)");
            Row("catchup_events_per_sec_redis", r.CatchUpEventsPerSecRedis, "the same journal into RedisHotCache");
            Row("hot_p99_ns_off", r.HotP99NsOff, $"tick-to-intent p99, paced {r.HotLatencyRate:N0} frames/s, nothing tailing (median of {r.HotRounds}: {string.Join(", ", r.HotP99NsOffRounds)})");
            Row("hot_p99_ns_on", r.HotP99NsOn, $"the same with {string.Join(" + ", r.HotProjections)} tailing live (rounds: {string.Join(", ", r.HotP99NsOnRounds)})");
            Row("hot_p99_ratio", r.HotP99Ratio, "on / off");
            // The p50s tell whether the machine was quiet: a contended host moves the off-run's median from µs to ms.
            Row("hot_p50_ns_off", r.HotP50NsOff, "tick-to-intent p50, nothing tailing");
            Row("hot_p50_ns_on", r.HotP50NsOn, "tick-to-intent p50, projections tailing");
            Row("hot_projection_max_lag_events", r.HotProjectionMaxLagEvents, $"worst lag of the tailing projections ({r.HotProjectionFailures} store errors)");
            if (r.HotP99NsOnExternal is { } external)
                Row("hot_p99_ns_on_external", external, $"the same with {string.Join(" + ", r.HotExternalProjections)} in a separate nice -n 10 tbot project process (rounds: {string.Join(", ", r.HotP99NsOnExternalRounds ?? [])}; ratio {r.HotP99RatioExternal}; lag when stopped {r.HotExternalEndLagEvents}, {r.HotExternalFailures} store errors)");
            if (r.HotP99NsOnMemoryOnly is { } memoryOnly) Row("hot_p99_ns_on_memory_only", memoryOnly, $"the same with only the in-process cache tailing (rounds: {string.Join(", ", r.HotP99NsOnMemoryOnlyRounds ?? [])})");
            Console.WriteLine($"load average (1 min): {r.LoadAverageStart:F2} at start, {r.LoadAverageEnd:F2} at end, {r.Cores} cores");
            foreach (var (field, reason) in r.Skipped) Console.WriteLine($"{field}: {reason}");
            if (parse.GetValue(json) is { } path) CliJson.Write(path.FullName, r);
            return 0;
        });
        return command;
    }

    private static void Row(string name, double? value, string meaning) =>
        Console.WriteLine($"| {name} | {(value is { } v ? v.ToString(v < 100 ? "0.##" : "N0", System.Globalization.CultureInfo.InvariantCulture) : "null")} | {meaning} |");

    /// <summary>How to start this binary again (for the separate-process projector): dotnet + the tbot.dll beside this
    /// assembly, whatever process hosts it (the tbot apphost, dotnet, or a test runner).</summary>
    private static string[] Self()
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(dotnet))
            dotnet = Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
        return [dotnet, Path.Combine(AppContext.BaseDirectory, "tbot.dll")];
    }
}
