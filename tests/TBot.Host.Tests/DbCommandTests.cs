using System.Text.Json;
using Npgsql;

namespace TBot.Host.Tests;

/// <summary>
/// <c>tbot db migrate | status | reproject</c> and <c>tbot replay --postgres</c> through the CLI, against the real
/// PostgreSQL (TBOT_TEST_POSTGRES): the rows a live run projected equal the rows a replay projects into an empty
/// database, re-projection changes no row, and status reports every checkpoint with its lag.
/// </summary>
public class DbCommandTests
{
    internal static string ServerConnection =>
        Environment.GetEnvironmentVariable("TBOT_TEST_POSTGRES") is { Length: > 0 } v ? v : "Host=127.0.0.1;Port=5432;Username=tbot;Password=tbot;Database=tbot";

    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-{name}");

    internal static async Task<string> CreateDatabaseAsync()
    {
        var name = "tbot_test_" + Guid.NewGuid().ToString("N");
        await using var admin = new NpgsqlConnection(ServerConnection);
        await admin.OpenAsync(TestContext.Current.CancellationToken);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
        await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return new NpgsqlConnectionStringBuilder(ServerConnection) { Database = name }.ConnectionString;
    }

    internal static async Task DropDatabaseAsync(string connection)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connection).Database;
        await using var admin = new NpgsqlConnection(ServerConnection);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Every projected table, row by row (minus the wall-clock columns a projection sets itself).</summary>
    internal static async Task<string> SnapshotAsync(string connection)
    {
        const string sql = """
            SELECT concat_ws(E'\n',
              (SELECT string_agg(concat_ws('|', strategy_id, name, parameters), ';' ORDER BY strategy_id) FROM strategies),
              (SELECT string_agg(concat_ws('|', bot_id, strategy_id, journal_id, status), ';' ORDER BY bot_id) FROM bot_instances),
              (SELECT string_agg(concat_ws('|', client_order_id, client_order_text, side, type, price, quantity, filled_quantity, status, journal_position), ';' ORDER BY client_order_id) FROM orders),
              (SELECT string_agg(concat_ws('|', client_order_id, trade_id, price, quantity, fee, journal_position), ';' ORDER BY client_order_id, trade_id) FROM trades),
              (SELECT string_agg(concat_ws('|', bot_id, instrument_id, quantity, realized_pnl, journal_position), ';' ORDER BY bot_id, instrument_id) FROM positions),
              (SELECT count(*) || '|' || sum(journal_position) FROM order_history),
              (SELECT count(*) || '|' || sum(journal_position) FROM trade_history),
              (SELECT count(*) || '|' || sum(journal_position) || '|' || coalesce(sum(price), 0) || '|' || coalesce(sum(quantity), 0) FROM market_data),
              (SELECT string_agg(concat_ws('|', time, bot_id, metric, value), ';' ORDER BY time, bot_id, metric) FROM performance_metrics),
              (SELECT string_agg(concat_ws('|', bucket, instrument_id, open, high, low, close, volume, trades), ';' ORDER BY bucket, instrument_id) FROM candles_1m))
            """;
        await using var connectionObject = new NpgsqlConnection(connection);
        await connectionObject.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connectionObject);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    internal static async Task<long> CountAsync(string connection, string table)
    {
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", c);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Live_projection_equals_a_replay_into_an_empty_database_and_reprojection_changes_no_row()
    {
        var journal = Temp("journal");
        var live = await CreateDatabaseAsync();
        var replayed = await CreateDatabaseAsync();
        try
        {
            var runJson = Temp("run.json");
            Assert.Equal(0, await Program.MainAsync(["run", "--duration", "6s", "--sim-rate", "3000", "--journal", journal, "--postgres", live, "--json", runJson]));
            var run = JsonDocument.Parse(File.ReadAllText(runJson)).RootElement;
            var last = run.GetProperty("journal_info").GetProperty("last_position").GetInt64();
            var projections = run.GetProperty("projections");
            foreach (var name in new[] { "memory", "warm_tables", "market_data", "performance_metrics" })
            {
                Assert.True(projections.TryGetProperty(name, out var p), $"projection {name} missing from the summary");
                Assert.Equal(last, p.GetProperty("applied").GetInt64());
                Assert.Equal(0, p.GetProperty("lag_events").GetInt64());
            }
            Assert.True(await CountAsync(live, "market_data") > 1000);
            Assert.Equal(run.GetProperty("orders").GetInt64(), await CountAsync(live, "orders"));
            Assert.Equal(run.GetProperty("fills").GetInt64(), await CountAsync(live, "trades"));
            var liveRows = await SnapshotAsync(live);

            // The same journal replayed into an empty database: the stores catch up from nothing to the same rows.
            var replayJson = Temp("replay.json");
            Assert.Equal(0, await Program.MainAsync(["replay", "--journal", journal, "--postgres", replayed, "--json", replayJson]));
            var replay = JsonDocument.Parse(File.ReadAllText(replayJson)).RootElement;
            Assert.Equal(last, replay.GetProperty("projections").GetProperty("market_data").GetProperty("applied").GetInt64());
            Assert.Equal(liveRows, await SnapshotAsync(replayed));

            // Re-projecting the whole journal, then a later part given by time, leaves every row as it was.
            Assert.Equal(0, await Program.MainAsync(["db", "reproject", "--journal", journal, "--postgres", live, "--from-position", "1"]));
            Assert.Equal(liveRows, await SnapshotAsync(live));
            long midTime;
            using (var reader = TBot.Engine.Journal.JournalReader.Open(journal))
            {
                reader.SeekPosition(last / 2);
                Assert.True(reader.TryRead(out var record));
                midTime = record.TimeNs;
            }
            var from = DateTimeOffset.FromUnixTimeMilliseconds(midTime / 1_000_000).ToString("O");
            Assert.Equal(0, await Program.MainAsync(["db", "reproject", "--journal", journal, "--postgres", live, "--from", from, "--projection", "market_data", "warm_tables"]));
            Assert.Equal(liveRows, await SnapshotAsync(live));

            // Status: schema current, each of this journal's checkpoints at its end.
            var statusJson = Temp("status.json");
            Assert.Equal(0, await Program.MainAsync(["db", "status", "--postgres", live, "--journal", journal, "--json", statusJson]));
            var status = JsonDocument.Parse(File.ReadAllText(statusJson)).RootElement;
            Assert.Equal(last, status.GetProperty("journal").GetProperty("last_position").GetInt64());
            var pg = status.GetProperty("postgres");
            Assert.True(pg.GetProperty("current").GetBoolean());
            Assert.Equal("native", pg.GetProperty("path").GetString());
            var checkpoints = pg.GetProperty("checkpoints").EnumerateArray().ToList();
            Assert.Equal(3, checkpoints.Count);
            Assert.All(checkpoints, c => Assert.Equal(0, c.GetProperty("lag_events").GetInt64()));
        }
        finally
        {
            await DropDatabaseAsync(live);
            await DropDatabaseAsync(replayed);
            if (Directory.Exists(journal)) Directory.Delete(journal, recursive: true);
        }
    }

    [Fact]
    public async Task A_database_holding_another_journal_is_refused_with_a_clear_error_and_its_rows_are_untouched()
    {
        var first = Temp("journal-a");
        var second = Temp("journal-b");
        var db = await CreateDatabaseAsync();
        try
        {
            Assert.Equal(0, await Program.MainAsync(["run", "--duration", "3s", "--journal", first, "--postgres", db]));
            var before = await SnapshotAsync(db);
            var json = Temp("run.json");
            Assert.Equal(0, await Program.MainAsync(["run", "--duration", "3s", "--journal", second, "--postgres", db, "--json", json]));
            var warm = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("projections").GetProperty("warm_tables");
            Assert.Equal(0, warm.GetProperty("applied").GetInt64());
            Assert.True(warm.GetProperty("lag_events").GetInt64() > 0);
            Assert.Contains("one journal per database", warm.GetProperty("last_error").GetString());
            Assert.Equal(before, await SnapshotAsync(db));
            Assert.Equal(1, await Program.MainAsync(["db", "reproject", "--journal", second, "--postgres", db]));
            Assert.Equal(before, await SnapshotAsync(db));
        }
        finally
        {
            await DropDatabaseAsync(db);
            foreach (var dir in new[] { first, second }) if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Migrate_applies_every_version_once_and_status_reports_it()
    {
        var db = await CreateDatabaseAsync();
        try
        {
            var statusJson = Temp("status.json");
            Assert.Equal(0, await Program.MainAsync(["db", "status", "--postgres", db, "--json", statusJson]));
            Assert.Equal(0, JsonDocument.Parse(File.ReadAllText(statusJson)).RootElement.GetProperty("postgres").GetProperty("version").GetInt32());
            Assert.Equal(0, await Program.MainAsync(["db", "migrate", "--postgres", db]));
            Assert.Equal(0, await Program.MainAsync(["db", "migrate", "--postgres", db]));
            Assert.Equal(0, await Program.MainAsync(["db", "status", "--postgres", db, "--json", statusJson]));
            var pg = JsonDocument.Parse(File.ReadAllText(statusJson)).RootElement.GetProperty("postgres");
            Assert.True(pg.GetProperty("current").GetBoolean());
            Assert.Equal(pg.GetProperty("latest_version").GetInt32(), pg.GetProperty("version").GetInt32());
            Assert.Equal(pg.GetProperty("version").GetInt32(), pg.GetProperty("migrations").GetArrayLength());
        }
        finally
        {
            await DropDatabaseAsync(db);
        }
    }

    [Fact]
    public async Task Store_commands_refuse_what_they_cannot_do_with_exit_code_2()
    {
        var saved = (Environment.GetEnvironmentVariable("TBOT_POSTGRES"), Environment.GetEnvironmentVariable("TBOT_REDIS"));
        Environment.SetEnvironmentVariable("TBOT_POSTGRES", null);
        Environment.SetEnvironmentVariable("TBOT_REDIS", null);
        try
        {
            Assert.Equal(2, await Program.MainAsync(["db", "migrate"]));
            Assert.Equal(2, await Program.MainAsync(["db", "status"]));
            Assert.Equal(2, await Program.MainAsync(["db", "reproject", "--journal", Temp("none"), "--postgres", ServerConnection]));
            Assert.Equal(2, await Program.MainAsync(["db", "migrate", "--postgres", "Host=127.0.0.1;NoSuchKeyword=1"]));
            // Unreachable server: status says so and fails (1), it does not crash.
            Assert.Equal(1, await Program.MainAsync(["db", "status", "--postgres", "Host=127.0.0.1;Port=1;Username=x;Password=y;Timeout=2"]));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TBOT_POSTGRES", saved.Item1);
            Environment.SetEnvironmentVariable("TBOT_REDIS", saved.Item2);
        }
    }
}
