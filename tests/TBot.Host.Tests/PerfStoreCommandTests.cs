using System.Text.Json;

namespace TBot.Host.Tests;

/// <summary><c>tbot perf store</c> with small sizes against the machine's Redis and PostgreSQL (TBOT_TEST_REDIS /
/// TBOT_TEST_POSTGRES, as the persistence tests): every documented field is written and every measured number is a
/// real, positive measurement. No speed thresholds: this checks the tool, not the machine.</summary>
public class PerfStoreCommandTests
{
    // A database of its own: the persistence tests flush database 9 while they run.
    private const int RedisDatabase = 11;

    private static string Redis => (Environment.GetEnvironmentVariable("TBOT_TEST_REDIS") is { Length: > 0 } c ? c : "127.0.0.1:6379") + $",defaultDatabase={RedisDatabase}";

    private static string Postgres => Environment.GetEnvironmentVariable("TBOT_TEST_POSTGRES") is { Length: > 0 } c ? c : "Host=127.0.0.1;Port=5432;Username=tbot;Password=tbot;Database=tbot";

    private static readonly string[] Small = ["--events", "30000", "--rows", "5000", "--redis-updates", "10000", "--latency-frames", "20000", "--hot-rounds", "2"];

    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-{name}");

    [Fact]
    public async Task Against_redis_and_postgres_every_number_is_measured()
    {
        var json = Temp("store.json");
        Assert.Equal(0, await Program.MainAsync(["perf", "store", "--redis", Redis, "--postgres", Postgres, .. Small, "--json", json]));
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        foreach (var field in new[] { "copy_rows_per_sec", "redis_ops_per_sec", "redis_raw_set_ops_per_sec", "memory_set_ops_per_sec", "catchup_events_per_sec", "catchup_events_per_sec_redis", "hot_p99_ns_off", "hot_p99_ns_on", "hot_p99_ratio", "hot_p99_ns_on_memory_only" })
            Assert.True(root.GetProperty(field).GetDouble() > 0, field);
        Assert.Equal(5000, root.GetProperty("copy_rows").GetInt64());
        Assert.Equal(10000, root.GetProperty("redis_sets").GetInt64());
        Assert.Equal(30000, root.GetProperty("catchup_events").GetInt64());
        Assert.Equal(["memory", "perf-store-live", "warm_tables", "market_data", "performance_metrics"],
            root.GetProperty("hot_projections").EnumerateArray().Select(p => p.GetString()!).ToArray());
        Assert.Equal(0, root.GetProperty("hot_projection_failures").GetInt64());
        foreach (var field in new[] { "hot_p99_ns_off_rounds", "hot_p99_ns_on_rounds", "hot_p99_ns_on_memory_only_rounds" })
        {
            var rounds = root.GetProperty(field).EnumerateArray().Select(p => p.GetInt64()).ToArray();
            Assert.Equal(2, rounds.Length);
            Assert.All(rounds, p => Assert.True(p > 0, field));
        }
        Assert.Empty(root.GetProperty("skipped").EnumerateObject());
        // The scratch database is dropped.
        var scratch = root.GetProperty("postgres_scratch_database").GetString();
        Assert.StartsWith("tbot_perf_", scratch);
        await using var pg = new Npgsql.NpgsqlConnection(Postgres);
        await pg.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", pg);
        count.Parameters.AddWithValue("name", scratch!);
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }

    [Fact]
    public async Task Without_servers_their_numbers_are_null_with_the_reason()
    {
        var json = Temp("store-local.json");
        Assert.Equal(0, await Program.MainAsync(["perf", "store", .. Small, "--json", json]));
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        var skipped = root.GetProperty("skipped");
        foreach (var field in new[] { "copy_rows_per_sec", "redis_ops_per_sec", "redis_raw_set_ops_per_sec", "catchup_events_per_sec_redis" })
        {
            Assert.Equal(JsonValueKind.Null, root.GetProperty(field).ValueKind);
            Assert.Contains("given", skipped.GetProperty(field).GetString());
        }
        foreach (var field in new[] { "catchup_events_per_sec", "hot_p99_ns_off", "hot_p99_ns_on" })
            Assert.True(root.GetProperty(field).GetDouble() > 0, field);
        Assert.Equal(["memory"], root.GetProperty("hot_projections").EnumerateArray().Select(p => p.GetString()!).ToArray());
        Assert.Contains("--redis/--postgres", skipped.GetProperty("hot_projections").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("hot_p99_ns_on_memory_only").ValueKind);
    }

    [Fact]
    public async Task An_unreachable_redis_fails_with_a_message_instead_of_hanging()
    {
        Assert.Equal(1, await Program.MainAsync(["perf", "store", "--redis", "127.0.0.1:1,connectTimeout=500", .. Small]));
    }
}
