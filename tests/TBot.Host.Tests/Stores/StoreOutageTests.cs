using Npgsql;
using TBot.Engine.Journal;

namespace TBot.Host.Tests.Stores;

/// <summary>
/// Both stores go away under a running engine and come back: the engine trades on (the journal grows), the
/// projections see the outage, retry, and at the end Redis and PostgreSQL hold exactly what the journal holds.
/// The test owns both servers (a redis-server and a PostgreSQL cluster on spare ports).
/// </summary>
public class StoreOutageTests
{
    private const int RedisPort = 6395;
    private const int PostgresPort = 5445;
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Redis_and_PostgreSQL_down_mid_run_catch_up_to_exactly_the_journal()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var postgres = await SparePostgresCluster.CreateAsync("tbot_outage", PostgresPort);
        using var redis = SpareRedis.Start(RedisPort);
        var journal = Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-journal");
        using var run = TbotRun.Start("--journal", journal, "--duration", "20s", "--sim-rate", "3000",
            "--redis", redis.Configuration, "--postgres", postgres.ConnectionString);

        // Both projections have written something: the outage hits them mid-stream, not before they started.
        string? journalId = null;
        while (journalId is null || await RedisCheckpointAsync(redis, journalId) == 0 || await PostgresCheckpointAsync(postgres, journalId) == 0)
        {
            Assert.False(run.HasExited, $"tbot run ended before both stores had a checkpoint:\n{run.Output}");
            await Task.Delay(200, ct);
            if (journalId is null && File.Exists(Path.Combine(journal, "manifest.json"))) journalId = JournalManifest.Load(journal).JournalId;
        }

        await redis.StopAsync();
        await postgres.StopAsync();
        var atStop = LastPosition(journal);
        await Task.Delay(TimeSpan.FromSeconds(4), ct);
        var beforeRestart = LastPosition(journal);
        Assert.False(run.HasExited, $"tbot run ended during the outage:\n{run.Output}");
        Assert.True(beforeRestart > atStop, $"the journal did not grow while the stores were down ({atStop} → {beforeRestart}): the engine stalled on them");
        redis.Start();
        await postgres.StartAsync();

        var summary = new RunSummaryView(await run.SucceedAsync(RunLimit));
        var facts = JournalFacts.Read(journal);
        Assert.Equal(journalId, facts.JournalId);
        Assert.Equal(summary.JournalLastPosition, facts.LastPosition);
        Assert.True(facts.Fills.Count > 0, "the sample bots filled nothing: the comparison below would be empty");
        // Every projection the run has (market_data, performance_metrics, ... when wired) caught up; the ones that write
        // all the time must have met the outage.
        foreach (var projection in summary.Root.GetProperty("projections").EnumerateObject())
        {
            var p = summary.Projection(projection.Name);
            Assert.True(p.LagEvents == 0 && p.Applied == facts.LastPosition, $"{projection.Name}: applied {p.Applied} of {facts.LastPosition} at the end ({p.LastError})");
        }
        foreach (var name in (string[])["redis-hot", "warm_tables", .. summary.HasProjection("market_data") ? ["market_data"] : Array.Empty<string>()])
        {
            var p = summary.Projection(name);
            Assert.True(p.Failures > 0, $"{name}: no failure counted, so the outage was not seen");
            Assert.False(string.IsNullOrEmpty(p.LastError), $"{name}: failures without a last error");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"journal {facts.LastPosition} records, {facts.Fills.Count} fills, {facts.Orders.Count} orders; " +
            $"grew {atStop} → {beforeRestart} during the outage; failures: " + string.Join(", ", summary.Root.GetProperty("projections").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetProperty("failures")}")));

        // The run's own view of its positions is the journal's.
        var expected = facts.LastFills.ToDictionary(kv => (kv.Key.Bot, facts.InstrumentKey(kv.Key.InstrumentId)), kv => facts.Quantity(kv.Key.InstrumentId, kv.Value.PositionAfter));
        Assert.Equal(expected.OrderBy(kv => kv.Key), summary.Positions().OrderBy(kv => kv.Key));

        await using (var connection = await redis.ConnectAsync()) await HotCacheCheck.AssertEqualAsync(connection, facts);
        await WarmTablesCheck.AssertEqualAsync(postgres.ConnectionString, facts, expectMarketData: summary.HasProjection("market_data"));
    }

    private static long LastPosition(string journal)
    {
        using var reader = JournalReader.Open(journal);
        long last = 0;
        while (reader.TryRead(out var r)) last = r.Position;
        return last;
    }

    private static async Task<long> RedisCheckpointAsync(SpareRedis redis, string journalId)
    {
        await using var connection = await redis.ConnectAsync();
        var value = await connection.GetDatabase().StringGetAsync($"tbot:checkpoint:redis-hot:{journalId}");
        return value.HasValue ? (long)value : 0;
    }

    private static async Task<long> PostgresCheckpointAsync(SparePostgresCluster postgres, string journalId)
    {
        try
        {
            await using var connection = new NpgsqlConnection(postgres.ConnectionString + ";Pooling=false");
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand("SELECT position FROM projection_checkpoints WHERE projection = $1", connection);
            command.Parameters.AddWithValue($"warm_tables:{journalId}");
            return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) is long p ? p : 0;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0; // not migrated yet
        }
    }
}
