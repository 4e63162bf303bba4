using Npgsql;
using TBot.Persistence.Postgres;
using TBot.Persistence.Postgres.Warm;

namespace TBot.Persistence.Tests.Postgres;

/// <summary>
/// The TimescaleDB path, against the stand-in server (../shared/tools/timescale-test-server, started by .ci/run,
/// connection string in TBOT_TEST_TIMESCALE). The stand-in has one database, takes one connection at a time and
/// resets the search path to public for each client, so the test removes TBot's objects from public before and
/// after it runs instead of using a database or schema of its own.
/// </summary>
public sealed class TimescaleMigrationTests
{
    [Fact]
    public async Task Empty_schema_is_migrated_to_hypertables_with_compression_and_continuous_aggregates()
    {
        var server = TimescaleStandIn.ConnectionStringOrSkip();
        var connectionString = server;
        await TimescaleStandIn.ExecuteAsync(server, "CREATE EXTENSION IF NOT EXISTS timescaledb");
        await TimescaleStandIn.ExecuteAsync(server, TimescaleStandIn.DropTBotObjects);
        try
        {
            var result = await MigrationRunner.MigrateAsync(connectionString, TestContext.Current.CancellationToken);
            Assert.Equal(SchemaPath.TimescaleDb, result.Path);
            Assert.Null(result.TimescaleUnavailable);
            Assert.Equal([1, 2, 3, 4, 5, 6], result.Applied.Select(m => m.Version));

            Assert.Equal(5L, await TimescaleStandIn.ScalarAsync<long>(connectionString,
                $"SELECT count(*) FROM timescaledb_information.hypertables WHERE hypertable_schema = 'public' AND compression_enabled"));
            Assert.Equal("candles_1h,candles_1m", await TimescaleStandIn.ScalarAsync<string>(connectionString,
                $"SELECT string_agg(view_name::text, ',' ORDER BY view_name) FROM timescaledb_information.continuous_aggregates WHERE view_schema = 'public'"));
            Assert.Equal("instrument_id", await TimescaleStandIn.ScalarAsync<string>(connectionString,
                $"SELECT attname::text FROM timescaledb_information.compression_settings WHERE hypertable_schema = 'public' AND hypertable_name = 'market_data' AND segmentby_column_index = 1"));
            Assert.True(await TimescaleStandIn.ScalarAsync<long>(connectionString,
                $"SELECT count(*) FROM timescaledb_information.jobs WHERE hypertable_schema = 'public'") >= 8,
                "compression (5), retention (1) and aggregate refresh (2) policies");

            // The aggregates answer the same query shape as the native path's rollup tables.
            await TimescaleStandIn.ExecuteAsync(connectionString, """
                INSERT INTO market_data (time, instrument_id, kind, price, quantity, journal_position) VALUES
                    ('2025-11-24 16:00:01+00', 1, 2, 100, 1, 1), ('2025-11-24 16:00:30+00', 1, 2, 105, 2, 2),
                    ('2025-11-24 16:00:59+00', 1, 2, 99, 1, 3),  ('2025-11-24 16:01:10+00', 1, 2, 101, 1, 4),
                    ('2025-11-24 16:00:40+00', 1, 1, 500, 9, 5)
                """);
            await TimescaleStandIn.ExecuteAsync(connectionString, "CALL refresh_continuous_aggregate('candles_1m', NULL, NULL)");
            Assert.Equal("100,105,99,99,4,3|101,101,101,101,1,1", await TimescaleStandIn.ScalarAsync<string>(connectionString,
                "SELECT string_agg(concat_ws(',', open, high, low, close, volume, trades), '|' ORDER BY bucket) FROM candles_1m"));

            // The warm projection (ON CONFLICT on hypertables for the history) works there too, and twice is once.
            using (var journal = new CraftedJournal())
            await using (var source = NpgsqlDataSource.Create(connectionString))
            {
                var projection = new WarmTableProjection(source, journal.Directory);
                await projection.CatchUpAsync(TestContext.Current.CancellationToken);
                await projection.ApplyRangeAsync(1, long.MaxValue, TestContext.Current.CancellationToken);
                Assert.Equal(journal.LastPosition, await projection.ReadCheckpointAsync(TestContext.Current.CancellationToken));
            }
            Assert.Equal("3|3|1|12|3", await TimescaleStandIn.ScalarAsync<string>(connectionString, """
                SELECT concat_ws('|', (SELECT count(*) FROM orders), (SELECT count(*) FROM trades), (SELECT count(*) FROM positions),
                                      (SELECT count(*) FROM order_history), (SELECT count(*) FROM trade_history))
                """));

            // engine_metrics (0005) is a compressed hypertable segmented by engine; rows are idempotent on (engine, metric, time).
            Assert.Equal("engine", await TimescaleStandIn.ScalarAsync<string>(connectionString,
                $"SELECT attname::text FROM timescaledb_information.compression_settings WHERE hypertable_schema = 'public' AND hypertable_name = 'engine_metrics' AND segmentby_column_index = 1"));
            for (var i = 0; i < 2; i++)
                await TimescaleStandIn.ExecuteAsync(connectionString, """
                    INSERT INTO engine_metrics (time, engine, metric, value) VALUES
                        ('2025-11-24 16:00:00+00', 'j1', 'ring_backlog_max', 7), ('2025-11-24 16:01:00+00', 'j1', 'ring_backlog_max', 3)
                    ON CONFLICT DO NOTHING
                    """);
            Assert.Equal(7.0, await TimescaleStandIn.ScalarAsync<double>(connectionString,
                "SELECT max(value) FROM engine_metrics WHERE engine = 'j1' AND metric = 'ring_backlog_max' AND time < '2025-11-24 16:02:00+00'"));
            Assert.Equal(2L, await TimescaleStandIn.ScalarAsync<long>(connectionString, "SELECT count(*) FROM engine_metrics"));

            var again = await MigrationRunner.MigrateAsync(connectionString, TestContext.Current.CancellationToken);
            Assert.Empty(again.Applied);
            var status = await MigrationRunner.StatusAsync(connectionString, TestContext.Current.CancellationToken);
            Assert.Equal(SchemaPath.TimescaleDb, status.Path);
            Assert.True(status.IsCurrent);
        }
        finally
        {
            await TimescaleStandIn.ExecuteAsync(server, TimescaleStandIn.DropTBotObjects);
        }
    }
}
