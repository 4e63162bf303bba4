using Npgsql;
using TBot.Persistence.Postgres;
using TBot.Persistence.Postgres.History;

namespace TBot.Persistence.Tests.Postgres;

/// <summary>
/// The history projections on the TimescaleDB path, against the stand-in (TBOT_TEST_TIMESCALE; one connection at a
/// time, one shared database, so TBot's objects are dropped from public before and after, as
/// <see cref="TimescaleMigrationTests"/> does). The candles of the continuous aggregates must equal the ones the
/// engine maintains on the native path (PostgreSQL 15) for the same journal.
/// </summary>
public sealed class HistoryTimescaleTests
{
    private const string Candles = """
        SELECT coalesce(string_agg(concat_ws(',', to_char(bucket AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), instrument_id, open, high, low,
                                             close, volume, trades), '|' ORDER BY bucket, instrument_id), '') FROM {0}
        """;

    [Fact]
    public async Task Market_data_metrics_and_candles_on_timescaledb_equal_the_native_path()
    {
        var server = TimescaleStandIn.ConnectionStringOrSkip();
        using var journal = HistoryJournal.Mixed();
        using var metricsJournal = HistoryMetricsTests.MetricsJournal();

        // The native reference, on PostgreSQL 15.
        string native1m, native1h;
        await using (var db = await PostgresServer.CreateMigratedDatabaseAsync())
        {
            await using var source = NpgsqlDataSource.Create(db.ConnectionString);
            await new MarketDataProjection(source, journal.Directory).CatchUpAsync(TestContext.Current.CancellationToken);
            native1m = await db.ScalarAsync<string>(string.Format(Candles, "candles_1m"));
            native1h = await db.ScalarAsync<string>(string.Format(Candles, "candles_1h"));
        }
        Assert.Equal(8, native1m.Split('|').Length); // 4 minutes x 2 instruments
        Assert.Equal(4, native1h.Split('|').Length); // 23:00 and 00:00 x 2 instruments

        await TimescaleStandIn.ExecuteAsync(server, "CREATE EXTENSION IF NOT EXISTS timescaledb");
        await TimescaleStandIn.ExecuteAsync(server, TimescaleStandIn.DropTBotObjects);
        try
        {
            var migrated = await MigrationRunner.MigrateAsync(server, TestContext.Current.CancellationToken);
            Assert.Equal(SchemaPath.TimescaleDb, migrated.Path);
            await using (var source = NpgsqlDataSource.Create(server))
            {
                var projection = new MarketDataProjection(source, journal.Directory, batchRecords: 50);
                await projection.CatchUpAsync(TestContext.Current.CancellationToken);
                await projection.ApplyRangeAsync(20, 90, TestContext.Current.CancellationToken);
                Assert.Equal(journal.LastPosition, await projection.ReadCheckpointAsync(TestContext.Current.CancellationToken));

                var metrics = new PerformanceMetricsProjection(source, metricsJournal.Directory, batchRecords: 3);
                await metrics.CatchUpAsync(TestContext.Current.CancellationToken);
                await metrics.ApplyRangeAsync(1, long.MaxValue, TestContext.Current.CancellationToken);

                // The policies do the partition work there: nothing to do for the engine.
                var maintenance = new HistoryMaintenance(source);
                Assert.Equal(0, await maintenance.EnsurePartitionsAsync(7, TestContext.Current.CancellationToken));
                Assert.Empty((await maintenance.DropPartitionsOlderThanAsync(TimeSpan.FromDays(1), cancellationToken: TestContext.Current.CancellationToken)).DroppedPartitions);
            }
            Assert.Equal($"{journal.MarketRows}|{journal.PositionSum}|{journal.PriceMantissaSum}", await TimescaleStandIn.ScalarAsync<string>(server, """
                SELECT concat_ws('|', count(*), sum(journal_position), sum(coalesce(m.price, 0) * 10 ^ s.scale)::bigint)
                FROM market_data m JOIN (VALUES (1, 2), (2, 3)) AS s (instrument_id, scale) USING (instrument_id)
                """));
            Assert.Equal(HistoryMetricsTests.Expected, await TimescaleStandIn.ScalarAsync<string>(server, """
                SELECT coalesce(string_agg(concat_ws(' ', bot_id, to_char(time AT TIME ZONE 'UTC', 'HH24:MI'), metric, value), '|'
                                           ORDER BY bot_id, time, metric COLLATE "C"), '') FROM performance_metrics
                """));

            await TimescaleStandIn.ExecuteAsync(server, "CALL refresh_continuous_aggregate('candles_1m', NULL, NULL)");
            await TimescaleStandIn.ExecuteAsync(server, "CALL refresh_continuous_aggregate('candles_1h', NULL, NULL)");
            Assert.Equal(native1m, await TimescaleStandIn.ScalarAsync<string>(server, string.Format(Candles, "candles_1m")));
            Assert.Equal(native1h, await TimescaleStandIn.ScalarAsync<string>(server, string.Format(Candles, "candles_1h")));
        }
        finally
        {
            await TimescaleStandIn.ExecuteAsync(server, TimescaleStandIn.DropTBotObjects);
        }
    }
}
