using Npgsql;
using TBot.Engine.Journal;
using TBot.Persistence.Postgres;
using TBot.Persistence.Postgres.History;
using TBot.Persistence.Postgres.Instruments;
using TBot.Persistence.Postgres.Warm;
using TBot.Persistence.Projections;
using TBot.Persistence.Tests.Projections;

namespace TBot.Persistence.Tests.Postgres.Instruments;

/// <summary>
/// The instrument registry (migration 0006): journals number instruments locally, the database keeps one id per
/// (venue, symbol), and every projection writes that id.
/// </summary>
public sealed class InstrumentRegistryTests
{
    private static readonly DateTime Start = new(2025, 11, 24, 10, 0, 0, DateTimeKind.Utc);

    private const string RowsBySymbol = """
        SELECT coalesce(string_agg(concat_ws(',', i.venue, i.symbol, m.instrument_id, m.n, m.mantissas), '|' ORDER BY i.venue, i.symbol), '')
        FROM (SELECT instrument_id, count(*) AS n, sum(price * 10 ^ scale(price))::bigint AS mantissas FROM market_data GROUP BY 1) AS m
        JOIN instruments i USING (instrument_id)
        """;

    private static string Expected(Dictionary<(string Venue, string Symbol), int> ids, params MarketJournal[] journals) =>
        string.Join('|', ids.OrderBy(kv => kv.Key.Venue, StringComparer.Ordinal).ThenBy(kv => kv.Key.Symbol, StringComparer.Ordinal).Select(kv =>
        {
            long rows = 0, sum = 0;
            foreach (var j in journals)
                if (j.Written.TryGetValue(kv.Key, out var w)) (rows, sum) = (rows + w.Rows, sum + w.PriceSum);
            return $"{kv.Key.Venue},{kv.Key.Symbol},{kv.Value},{rows},{sum}";
        }));

    [Fact]
    public async Task Two_journals_with_the_same_instrument_under_different_engine_ids_land_on_one_database_id()
    {
        // Journal A registers BTC then ETH; journal B (another run, or a catalog day) has them the other way round,
        // plus an instrument A never saw under an id A already uses.
        using var a = new MarketJournal("jrnla001", Start,
            MarketJournal.Instrument(1, "binance", "BTCUSDT", 2), MarketJournal.Instrument(2, "okx", "ETH-USDT", 3));
        // Half a second later: market_data's key is (instrument, time, journal position), and two journals writing the
        // same instrument at the same time and position would collide (a documented limit).
        using var b = new MarketJournal("jrnlb001", Start.AddMilliseconds(500),
            MarketJournal.Instrument(1, "okx", "ETH-USDT", 3), MarketJournal.Instrument(2, "binance", "BTCUSDT", 2),
            MarketJournal.Instrument(3, "coinbase", "SOL-USD", 2));
        for (var n = 0; n < 30; n++)
        {
            a.Trade(1 + n % 2, 5_000_000 + n);
            b.Trade(1 + n % 3, n % 3 == 0 ? 300_000 + n : 6_000_000 + n);
        }
        a.Flush();
        b.Flush();

        await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        await new MarketDataProjection(source, a.Directory, batchRecords: 7, name: "market_data:jrnla001").CatchUpAsync(TestContext.Current.CancellationToken);
        await new MarketDataProjection(source, b.Directory, batchRecords: 7, name: "market_data:jrnlb001").CatchUpAsync(TestContext.Current.CancellationToken);

        // A fresh database took A's ids as they were; B's instruments map onto them, its new one gets the next id.
        Assert.Equal("1 binance BTCUSDT 2|2 okx ETH-USDT 3|3 coinbase SOL-USD 2", await db.ScalarAsync<string>(
            "SELECT string_agg(concat_ws(' ', instrument_id, venue, symbol, price_scale), '|' ORDER BY instrument_id) FROM instruments"));
        var ids = new Dictionary<(string, string), int> { [("binance", "BTCUSDT")] = 1, [("okx", "ETH-USDT")] = 2, [("coinbase", "SOL-USD")] = 3 };
        Assert.Equal(Expected(ids, a, b), await db.ScalarAsync<string>(RowsBySymbol));
        // A price of another instrument under an id would show up as a foreign scale: none does.
        Assert.Equal(0L, await db.ScalarAsync<long>("""
            SELECT count(*) FROM market_data m JOIN instruments i USING (instrument_id) WHERE scale(m.price) <> i.price_scale
            """));
        Assert.Equal(3L, await db.ScalarAsync<long>("SELECT count(DISTINCT instrument_id) FROM candles_1m"));
        Assert.Equal(60L, await db.ScalarAsync<long>("SELECT sum(trades)::bigint FROM candles_1m"));

        // The map itself, and its cache: a second resolve of B gives the same ids without registering anything.
        var registry = new InstrumentRegistry();
        await using var connection = await source.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var map = await registry.ResolveAsync(connection, JournalManifest.Load(b.Directory), TestContext.Current.CancellationToken);
        Assert.Equal([2, 1, 3], new[] { 1, 2, 3 }.Select(map.ToDatabase));
        Assert.Throws<InvalidDataException>(() => map.ToDatabase(4));
        Assert.Equal(3L, await db.ScalarAsync<long>("SELECT count(*) FROM instruments"));
    }

    [Fact]
    public async Task Live_warm_and_market_data_projections_use_the_ids_history_registered()
    {
        // History first: a catalog-like journal whose only instrument (id 1) is Coinbase BTC-USD.
        using var history = new MarketJournal("hist0042", Start.AddHours(-1), MarketJournal.Instrument(1, "coinbase", "BTC-USD", 2));
        for (var n = 0; n < 10; n++) history.Trade(1, 4_000_000 + n);
        history.Flush();
        // Then a live run: its manifest says 1 = Binance BTCUSDT, 2 = Coinbase BTC-USD (CraftedJournal).
        using var live = new CraftedJournal();

        await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        await new MarketDataProjection(source, history.Directory, name: "history:coinbase:BTC-USD:trades:x:hist0042").CatchUpAsync(TestContext.Current.CancellationToken);

        var manifest = JournalManifest.Load(live.Directory);
        using var tail = new JournalTail(live.Directory, new JournalTailOptions { BatchSize = 4 });
        await RunnerDrive.UntilAsync(new WarmTablesLiveProjection(source, manifest), tail, live.LastPosition, TimeSpan.FromSeconds(20));
        using var marketTail = new JournalTail(live.Directory, new JournalTailOptions { BatchSize = 4 });
        await RunnerDrive.UntilAsync(new MarketDataLiveProjection(source, manifest, SchemaPath.NativePartitioning), marketTail, live.LastPosition,
            TimeSpan.FromSeconds(20));

        Assert.Equal("1 coinbase BTC-USD|2 binance BTCUSDT", await db.ScalarAsync<string>(
            "SELECT string_agg(concat_ws(' ', instrument_id, venue, symbol), '|' ORDER BY instrument_id) FROM instruments"));
        // Every warm row that names its instrument agrees with the registry...
        foreach (var table in (string[])["orders", "trades", "positions"])
            Assert.Equal(0L, await db.ScalarAsync<long>(
                $"SELECT count(*) FROM {table} t LEFT JOIN instruments i ON i.venue = t.venue AND i.symbol = t.symbol WHERE i.instrument_id IS DISTINCT FROM t.instrument_id"));
        Assert.Equal("1|2", await db.ScalarAsync<string>("SELECT string_agg(DISTINCT instrument_id::text, '|') FROM orders"));
        // ... and so do the history tables, through their orders.
        foreach (var table in (string[])["order_history", "trade_history"])
            Assert.Equal(0L, await db.ScalarAsync<long>(
                $"SELECT count(*) FROM {table} h JOIN orders o USING (client_order_id) WHERE h.instrument_id <> o.instrument_id"));
        // market_data: the live run's Coinbase trade joins history's rows under id 1, its Binance trades are under 2.
        Assert.Equal("1,11|2,4", await db.ScalarAsync<string>(
            "SELECT string_agg(concat_ws(',', instrument_id, n), '|' ORDER BY instrument_id) FROM (SELECT instrument_id, count(*) AS n FROM market_data GROUP BY 1) c"));
    }

    [Fact]
    public async Task Migration_0006_backfills_the_registry_from_existing_rows_and_moves_rows_to_one_id_per_instrument()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        await MigrationRunner.MigrateAsync(db.ConnectionString, TestContext.Current.CancellationToken);
        await db.ExecuteAsync(UndoMigration6);
        await db.ExecuteAsync(TwoRunsOfRows);

        var result = await MigrationRunner.MigrateAsync(db.ConnectionString, TestContext.Current.CancellationToken);
        Assert.Equal([6], result.Applied.Select(m => m.Version));
        await AssertBackfilledAsync(db.ScalarAsync<string>);
    }

    [Fact]
    public async Task Migration_0006_backfills_on_timescaledb()
    {
        var server = TimescaleStandIn.ConnectionStringOrSkip();
        await TimescaleStandIn.ExecuteAsync(server, "CREATE EXTENSION IF NOT EXISTS timescaledb");
        await TimescaleStandIn.ExecuteAsync(server, TimescaleStandIn.DropTBotObjects);
        try
        {
            Assert.Equal(SchemaPath.TimescaleDb, (await MigrationRunner.MigrateAsync(server, TestContext.Current.CancellationToken)).Path);
            await TimescaleStandIn.ExecuteAsync(server, UndoMigration6);
            await TimescaleStandIn.ExecuteAsync(server, TwoRunsOfRows);
            var result = await MigrationRunner.MigrateAsync(server, TestContext.Current.CancellationToken);
            Assert.Equal([6], result.Applied.Select(m => m.Version));
            await AssertBackfilledAsync(sql => TimescaleStandIn.ScalarAsync<string>(server, sql));
        }
        finally
        {
            await TimescaleStandIn.ExecuteAsync(server, TimescaleStandIn.DropTBotObjects);
        }
    }

    // The database as it was at version 5.
    private const string UndoMigration6 = """
        DROP TABLE instruments;
        DROP FUNCTION tbot_register_instrument;
        DELETE FROM schema_migrations WHERE version = 6;
        """;

    // Run A registered BTCUSDT = 1, ETH-USDT = 2; run B the other way round; both traded both, bot 1 in A, bot 2 in B.
    // Bot 2 also holds a stale ETH position under A's id (older), which the newer one under B's id replaces.
    private const string TwoRunsOfRows = """
        INSERT INTO bot_instances (bot_id) VALUES (1), (2);
        INSERT INTO orders (client_order_id, client_order_text, bot_id, instrument_id, venue, symbol, side, type, price, quantity,
                            filled_quantity, status, created_at, updated_at, journal_position) VALUES
            (101, 'a-101', 1, 1, 'binance', 'BTCUSDT', 'BUY', 'LIMIT', 50000.00, 0.10000, 0.10000, 'FILLED', '2025-11-24 10:00+00', '2025-11-24 10:00+00', 5),
            (102, 'a-102', 1, 2, 'okx', 'ETH-USDT', 'SELL', 'LIMIT', 3000.000, 1.0000, 1.0000, 'FILLED', '2025-11-24 10:01+00', '2025-11-24 10:01+00', 6),
            (201, 'b-201', 2, 1, 'okx', 'ETH-USDT', 'BUY', 'LIMIT', 3001.000, 2.0000, 2.0000, 'FILLED', '2025-11-25 10:00+00', '2025-11-25 10:00+00', 5),
            (202, 'b-202', 2, 2, 'binance', 'BTCUSDT', 'SELL', 'MARKET', NULL, 0.20000, 0.20000, 'FILLED', '2025-11-25 10:01+00', '2025-11-25 10:01+00', 6);
        INSERT INTO trades (client_order_id, trade_id, bot_id, instrument_id, venue, symbol, side, price, quantity, fee, is_maker, traded_at, journal_position) VALUES
            (101, 1, 1, 1, 'binance', 'BTCUSDT', 'BUY', 50000.00, 0.10000, 0, true, '2025-11-24 10:00+00', 7),
            (102, 2, 1, 2, 'okx', 'ETH-USDT', 'SELL', 3000.000, 1.0000, 0, true, '2025-11-24 10:01+00', 8),
            (201, 3, 2, 1, 'okx', 'ETH-USDT', 'BUY', 3001.000, 2.0000, 0, true, '2025-11-25 10:00+00', 7),
            (202, 4, 2, 2, 'binance', 'BTCUSDT', 'SELL', 49000.00, 0.20000, 0, false, '2025-11-25 10:01+00', 8);
        INSERT INTO positions (bot_id, instrument_id, venue, symbol, quantity, realized_pnl, updated_at, journal_position) VALUES
            (1, 1, 'binance', 'BTCUSDT', 0.10000, 0, '2025-11-24 10:00+00', 7),
            (1, 2, 'okx', 'ETH-USDT', -1.0000, 0, '2025-11-24 10:01+00', 8),
            (2, 1, 'okx', 'ETH-USDT', 2.0000, 0, '2025-11-25 10:00+00', 7),
            (2, 2, 'binance', 'BTCUSDT', -0.20000, 0, '2025-11-25 10:01+00', 8),
            (2, 3, 'okx', 'ETH-USDT', 9.0000, 0, '2025-11-20 10:00+00', 3);
        INSERT INTO order_history (time, client_order_id, bot_id, instrument_id, event, quantity, journal_position) VALUES
            ('2025-11-24 10:00+00', 101, 1, 1, 'ORDER_SUBMITTED', 0.10000, 5), ('2025-11-24 10:01+00', 102, 1, 2, 'ORDER_SUBMITTED', 1.0000, 6),
            ('2025-11-25 10:00+00', 201, 2, 1, 'ORDER_SUBMITTED', 2.0000, 5), ('2025-11-25 10:01+00', 202, 2, 2, 'ORDER_SUBMITTED', 0.20000, 6);
        INSERT INTO trade_history (time, client_order_id, trade_id, bot_id, instrument_id, side, price, quantity, fee, journal_position) VALUES
            ('2025-11-24 10:00+00', 101, 1, 1, 1, 'BUY', 50000.00, 0.10000, 0, 7), ('2025-11-24 10:01+00', 102, 2, 1, 2, 'SELL', 3000.000, 1.0000, 0, 8),
            ('2025-11-25 10:00+00', 201, 3, 2, 1, 'BUY', 3001.000, 2.0000, 0, 7), ('2025-11-25 10:01+00', 202, 4, 2, 2, 'SELL', 49000.00, 0.20000, 0, 8);
        """;

    private static async Task AssertBackfilledAsync(Func<string, Task<string>> scalar)
    {
        // Both were first seen under id 1: BTCUSDT (binance sorts first) keeps it, ETH-USDT gets the next one.
        // Scales come back from the stored numerics (a market order's NULL price does not hide the limit orders' scale).
        Assert.Equal("1 binance BTCUSDT 2 5|2 okx ETH-USDT 3 4", await scalar(
            "SELECT string_agg(concat_ws(' ', instrument_id, venue, symbol, price_scale, quantity_scale), '|' ORDER BY instrument_id) FROM instruments"));
        Assert.Equal("101:1|102:2|201:2|202:1", await scalar("SELECT string_agg(client_order_id || ':' || instrument_id, '|' ORDER BY client_order_id) FROM orders"));
        Assert.Equal("101:1|102:2|201:2|202:1", await scalar("SELECT string_agg(client_order_id || ':' || instrument_id, '|' ORDER BY client_order_id) FROM trades"));
        Assert.Equal("101:1|102:2|201:2|202:1", await scalar("SELECT string_agg(client_order_id || ':' || instrument_id, '|' ORDER BY client_order_id) FROM order_history"));
        Assert.Equal("101:1|102:2|201:2|202:1", await scalar("SELECT string_agg(client_order_id || ':' || instrument_id, '|' ORDER BY client_order_id) FROM trade_history"));
        // Bot 2's two ids swapped places; its stale ETH row under id 3 gave way to the newer one.
        Assert.Equal("1:1:0.10000|1:2:-1.0000|2:1:-0.20000|2:2:2.0000", await scalar(
            "SELECT string_agg(concat_ws(':', bot_id, instrument_id, quantity), '|' ORDER BY bot_id, instrument_id) FROM positions"));
    }
}
