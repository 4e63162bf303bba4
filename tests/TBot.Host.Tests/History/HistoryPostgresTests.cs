using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TBot.Adapters.History;
using TBot.Engine.Events;
using TBot.Engine.Journal;
using TBot.Host.History;
using TBot.Host.Tests.Http;
using TBot.Host.Tests.Stores;
using ChildProcess = TBot.Host.Tests.Http.ChildProcess;

namespace TBot.Host.Tests.History;

/// <summary>
/// <c>tbot history fetch|store|status --postgres</c>: catalog days into market_data (native PostgreSQL 15 and the
/// TimescaleDB stand-in), checked against the catalog itself: per instrument and day the row count and the sum of
/// price mantissas, and the 1-minute candles computed by hand from the catalog's trades.
/// </summary>
public class HistoryPostgresTests
{
    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-{name}");

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>90 minutes before a past UTC midnight to 30 minutes after: two catalog days per symbol.</summary>
    private static (string From, string To, DateOnly FirstDay) AcrossMidnight(int daysAgo)
    {
        var midnight = DateTime.UtcNow.Date.AddDays(-daysAgo);
        var from = midnight.AddMinutes(-90);
        return (Iso(from), Iso(from.AddHours(2)), DateOnly.FromDateTime(from));
    }

    private sealed record CatalogTrade(long TimeNs, long Position, long Price, long Quantity);

    /// <summary>The trades of a catalog day, and its instrument's scales.</summary>
    private static (List<CatalogTrade> Trades, int PriceScale, int QuantityScale) ReadDay(string root, string symbol, DateOnly day)
    {
        var dir = CatalogLayout.DayDirectory(root, TBot.Engine.Instruments.Venue.Binance, symbol, CatalogKind.Trades, day);
        using var reader = JournalReader.Open(dir);
        var list = new List<CatalogTrade>();
        while (reader.TryRead(out var r))
            if (r.Type == JournalRecordType.Event && r.Event.Kind == MarketEventKind.Trade)
                list.Add(new CatalogTrade(r.TimeNs, r.Position, r.Event.Price, r.Event.Quantity));
        var instrument = reader.Manifest.Instruments.Single();
        return (list, instrument.PriceScale, instrument.QuantityScale);
    }

    /// <summary>"symbol day rows mantissas" per catalog day, from the journals.</summary>
    private static string CatalogSums(string root, IEnumerable<string> symbols, DateOnly firstDay) =>
        string.Join('|', symbols.Order(StringComparer.Ordinal).SelectMany(s => new[] { firstDay, firstDay.AddDays(1) }.Select(d =>
        {
            var (trades, _, _) = ReadDay(root, s, d);
            return $"{s} {CatalogLayout.DayName(d)} {trades.Count} {trades.Sum(t => t.Price)}";
        })));

    private const string PostgresSums = """
        SELECT string_agg(concat_ws(' ', symbol, day, n, mantissas), '|' ORDER BY symbol, day) FROM (
            SELECT i.symbol, to_char(m.time AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS n,
                   sum(m.price * 10 ^ i.price_scale)::bigint AS mantissas
            FROM market_data m JOIN instruments i USING (instrument_id) WHERE m.kind = 2 GROUP BY 1, 2) AS s
        """;

    /// <summary>candles_1m of the first <paramref name="minutes"/> minutes of a catalog day, by hand: open = earliest
    /// trade (journal position breaks ties), close = latest, high/low, volume, count; prices and volume as mantissas.</summary>
    private static string CandlesByHand(string root, string symbol, DateOnly day, int minutes)
    {
        var (trades, _, _) = ReadDay(root, symbol, day);
        const long minuteNs = 60_000_000_000;
        return string.Join('|', trades.GroupBy(t => t.TimeNs / minuteNs).OrderBy(g => g.Key).Take(minutes).Select(g =>
        {
            var ordered = g.OrderBy(t => t.TimeNs).ThenBy(t => t.Position).ToList();
            var start = DateTime.UnixEpoch.AddTicks(g.Key * minuteNs / 100);
            return string.Create(CultureInfo.InvariantCulture,
                $"{start:yyyy-MM-dd HH:mm} {ordered[0].Price} {g.Max(t => t.Price)} {g.Min(t => t.Price)} {ordered[^1].Price} {g.Sum(t => t.Quantity)} {g.Count()}");
        }));
    }

    private static string CandlesInPostgres(string symbol, int minutes) => $"""
        SELECT string_agg(concat_ws(' ', to_char(c.bucket AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), (c.open * 10 ^ i.price_scale)::bigint,
                                    (c.high * 10 ^ i.price_scale)::bigint, (c.low * 10 ^ i.price_scale)::bigint, (c.close * 10 ^ i.price_scale)::bigint,
                                    (c.volume * 10 ^ i.quantity_scale)::bigint, c.trades), '|' ORDER BY c.bucket)
        FROM (SELECT * FROM candles_1m WHERE instrument_id = (SELECT instrument_id FROM instruments WHERE symbol = '{symbol}')
              ORDER BY bucket LIMIT {minutes}) AS c
        JOIN instruments i USING (instrument_id)
        """;

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private static async Task<long> StoredRowsAsync(string json)
    {
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        return doc.RootElement.GetProperty("rows").GetInt64();
    }

    [Fact]
    public async Task Fetch_with_postgres_stores_what_the_catalog_holds_and_a_second_store_writes_nothing()
    {
        var (from, to, firstDay) = AcrossMidnight(1);
        var data = Temp("history");
        await using var db = await ScratchDatabase.CreateAsync();
        Assert.Equal(0, await Program.MainAsync(["history", "fetch", "--venue", "binance", "--symbols", "BTCUSDT,ETHUSDT", "--from", from, "--to", to,
            "--simulator", "--out", data, "--postgres", db.ConnectionString]));

        // Per symbol and day: same count and same sum of price mantissas; two symbols, two ids, nothing mixed.
        var expected = CatalogSums(data, ["BTCUSDT", "ETHUSDT"], firstDay);
        Assert.Equal(4, expected.Split('|').Length);
        Assert.Equal(expected, await ScalarAsync<string>(db.ConnectionString, PostgresSums));
        Assert.Equal("binance BTCUSDT|binance ETHUSDT", await ScalarAsync<string>(db.ConnectionString,
            "SELECT string_agg(venue || ' ' || symbol, '|' ORDER BY symbol) FROM instruments"));
        Assert.Equal(0L, await ScalarAsync<long>(db.ConnectionString, "SELECT count(*) FROM market_data_default"));
        // Candles: the first five minutes of each symbol equal the hand computation from the catalog.
        foreach (var symbol in (string[])["BTCUSDT", "ETHUSDT"])
            Assert.Equal(CandlesByHand(data, symbol, firstDay, 5), await ScalarAsync<string>(db.ConnectionString, CandlesInPostgres(symbol, 5)));
        Assert.Equal(2L * 2 * 3600, await ScalarAsync<long>(db.ConnectionString, "SELECT sum(trades)::bigint FROM candles_1h"));
        // Index upkeep: the stored days' BRIN indexes have every block range summarised (nothing new left to summarise).
        Assert.Equal(0L, await ScalarAsync<long>(db.ConnectionString, $$"""
            SELECT coalesce(sum(brin_summarize_new_values(i.indexrelid::regclass)), -1)::bigint
            FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_am a ON a.oid = x.relam
            WHERE a.amname = 'brin' AND c.relname IN ('market_data_{{firstDay:yyyyMMdd}}', 'market_data_{{firstDay.AddDays(1):yyyyMMdd}}')
            """));

        // history store of the same catalog: everything is there already.
        var json = Temp("store.json");
        Assert.Equal(0, await Program.MainAsync(["history", "store", "--data", data, "--postgres", db.ConnectionString, "--json", json]));
        Assert.Equal(0, await StoredRowsAsync(json));
        Assert.Equal(expected, await ScalarAsync<string>(db.ConnectionString, PostgresSums));

        // status --postgres: catalog records, the stored position and the rows, side by side.
        await using var status = ChildProcess.Tbot("history", "status", "--data", data, "--postgres", db.ConnectionString);
        Assert.Equal(0, await status.WaitAsync(TimeSpan.FromSeconds(60)));
        var text = status.Tail(100);
        Assert.Contains($"| binance | BTCUSDT | trades | {CatalogLayout.DayName(firstDay)} | 5400 | 5400 | 5400 |", text, StringComparison.Ordinal);
        Assert.Contains($"| binance | ETHUSDT | trades | {CatalogLayout.DayName(firstDay.AddDays(1))} | 1800 | 1800 | 1800 |", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupted_store_resumes_to_the_rows_of_one_clean_store()
    {
        var (from, to, firstDay) = AcrossMidnight(2);
        var data = Temp("history");
        Assert.Equal(0, await Program.MainAsync(["history", "fetch", "--venue", "binance", "--symbols", "BTCUSDT", "--from", from, "--to", to,
            "--simulator", "--out", data]));
        var days = CatalogDaySelection.All.Select(data);
        Assert.Equal(2, days.Count);
        var firstCheckpoint = CatalogDayJournal.Open(days[0]).Checkpoint;

        await using var clean = await ScratchDatabase.CreateAsync();
        var json = Temp("clean.json");
        Assert.Equal(0, await Program.MainAsync(["history", "store", "--data", data, "--postgres", clean.ConnectionString, "--json", json]));
        Assert.Equal(7200, await StoredRowsAsync(json));

        // Small batches, cancelled as soon as the first one is committed.
        await using var db = await ScratchDatabase.CreateAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var store = new HistoryPostgresStore(db.ConnectionString, migrate: true, NullLogger.Instance, batchRecords: 50);
        var run = store.StoreAsync(days, stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!run.IsCompleted && DateTime.UtcNow < deadline)
        {
            if (await CheckpointAsync(db.ConnectionString, firstCheckpoint) > 0)
            {
                await stop.CancelAsync();
                break;
            }
            await Task.Delay(2, TestContext.Current.CancellationToken);
        }
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var interrupted = await ScalarAsync<long>(db.ConnectionString, "SELECT count(*) FROM market_data");
        Assert.InRange(interrupted, 50, 7200 - 1);
        Assert.Equal(interrupted, await CheckpointAsync(db.ConnectionString, firstCheckpoint));

        // Rerun: the rest, and the same rows and candles as the clean store.
        Assert.Equal(0, await Program.MainAsync(["history", "store", "--data", data, "--postgres", db.ConnectionString, "--json", json]));
        Assert.Equal(7200 - interrupted, await StoredRowsAsync(json));
        foreach (var table in (string[])["market_data", "candles_1m", "candles_1h"])
            Assert.Equal(await SnapshotAsync(clean.ConnectionString, table), await SnapshotAsync(db.ConnectionString, table));
        Assert.Equal(0, await Program.MainAsync(["history", "store", "--data", data, "--postgres", db.ConnectionString, "--json", json]));
        Assert.Equal(0, await StoredRowsAsync(json));
    }

    [Fact]
    public async Task Import_with_postgres_stores_the_capture_days_and_store_filters_by_day()
    {
        var capture = Temp("capture.jsonl");
        var data = Temp("imported");
        HistoryCommandTests.WriteTradeCapture(capture,
            (1, "65000.00000000", 0),
            (2, "65001.00000000", 500),
            (2, "65001.00000000", 500),          // duplicate: dropped by live dedup
            (4, "65002.00000000", 2_500));       // the next UTC day
        await using var db = await ScratchDatabase.CreateAsync();
        Assert.Equal(0, await Program.MainAsync(["history", "import", "--venue", "binance", "--input", capture, "--out", data, "--postgres", db.ConnectionString]));
        const string rows = """
            SELECT string_agg(concat_ws(' ', i.symbol, to_char(m.time AT TIME ZONE 'UTC', 'YYYY-MM-DD'), m.trade_id, m.price), '|' ORDER BY m.time)
            FROM market_data m JOIN instruments i USING (instrument_id)
            """;
        // An import knows the instrument from the capture alone (InstrumentDiscovery): here price scale 8.
        Assert.Equal("BTCUSDT 2026-05-04 1 65000.00000000|BTCUSDT 2026-05-04 2 65001.00000000|BTCUSDT 2026-05-05 4 65002.00000000",
            await ScalarAsync<string>(db.ConnectionString, rows));

        // store --kind/--from: only the second day, into another database.
        await using var other = await ScratchDatabase.CreateAsync();
        var json = Temp("store.json");
        Assert.Equal(0, await Program.MainAsync(["history", "store", "--data", data, "--postgres", other.ConnectionString, "--kind", "trades",
            "--from", "2026-05-05", "--json", json]));
        Assert.Equal(1, await StoredRowsAsync(json));
        Assert.Equal("BTCUSDT 2026-05-05 4 65002.00000000", await ScalarAsync<string>(other.ConnectionString, rows));
    }

    [Fact]
    public async Task Fetch_and_store_on_timescaledb_refresh_the_candles_and_compress_old_chunks()
    {
        var server = Environment.GetEnvironmentVariable("TBOT_TEST_TIMESCALE");
        if (string.IsNullOrEmpty(server)) Assert.Skip("TBOT_TEST_TIMESCALE is not set (start ../shared/tools/timescale-test-server/start.sh 5433).");
        var connection = new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString;
        // Ten days back: older than the 7-day compression age.
        var (from, to, firstDay) = AcrossMidnight(10);
        var data = Temp("history");
        await ExecuteAsync(connection, "CREATE EXTENSION IF NOT EXISTS timescaledb");
        await ExecuteAsync(connection, DropTBotObjects);
        try
        {
            var fetchJson = Temp("fetch.json");
            Assert.Equal(0, await Program.MainAsync(["history", "fetch", "--venue", "binance", "--symbols", "BTCUSDT,ETHUSDT", "--from", from, "--to", to,
                "--simulator", "--out", data, "--postgres", connection, "--json", fetchJson]));
            Assert.Equal("timescaledb", await ScalarAsync<string>(connection, "SELECT schema_path FROM schema_migrations ORDER BY version DESC LIMIT 1"));
            Assert.Equal(CatalogSums(data, ["BTCUSDT", "ETHUSDT"], firstDay), await ScalarAsync<string>(connection, PostgresSums));
            foreach (var symbol in (string[])["BTCUSDT", "ETHUSDT"])
                Assert.Equal(CandlesByHand(data, symbol, firstDay, 5), await ScalarAsync<string>(connection, CandlesInPostgres(symbol, 5)));
            Assert.Equal(2L * 2 * 3600, await ScalarAsync<long>(connection, "SELECT sum(trades)::bigint FROM candles_1h"));
            Assert.True(await ScalarAsync<long>(connection, """
                SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'market_data' AND is_compressed
                """) >= 2, "the two stored days' chunks are older than 7 days and were compressed");

            var json = Temp("store.json");
            Assert.Equal(0, await Program.MainAsync(["history", "store", "--data", data, "--postgres", connection, "--json", json]));
            Assert.Equal(0, await StoredRowsAsync(json));
            Assert.Equal(CatalogSums(data, ["BTCUSDT", "ETHUSDT"], firstDay), await ScalarAsync<string>(connection, PostgresSums));

            await using var status = ChildProcess.Tbot("history", "status", "--data", data, "--postgres", connection);
            Assert.Equal(0, await status.WaitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains($"| binance | ETHUSDT | trades | {CatalogLayout.DayName(firstDay)} | 5400 | 5400 | 5400 |", status.Tail(100), StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteAsync(connection, DropTBotObjects);
        }
    }

    private const string DropTBotObjects = TBot.Tests.Shared.TBotSchemaCleanup.DropTBotObjects;

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<long> CheckpointAsync(string connectionString, string projection)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT position FROM projection_checkpoints WHERE projection = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = projection });
        try
        {
            return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) is long p ? p : 0;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0; // not migrated yet
        }
    }

    private static Task<string> SnapshotAsync(string connectionString, string table) =>
        ScalarAsync<string>(connectionString, $"SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') FROM {table} t");
}
