using Npgsql;
using TBot.Persistence.Postgres.History;

namespace TBot.Persistence.Tests.Postgres;

public sealed class HistoryMaintenanceTests
{
    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
    }

    [Fact]
    public async Task Partitions_are_created_ahead_for_every_history_table_once()
    {
        await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var maintenance = new HistoryMaintenance(source, new FixedClock(new DateTime(2030, 1, 10, 15, 0, 0, DateTimeKind.Utc)));

        Assert.Equal(4 * 5, await maintenance.EnsurePartitionsAsync(daysAhead: 3, TestContext.Current.CancellationToken));
        Assert.Equal(0, await maintenance.EnsurePartitionsAsync(daysAhead: 3, TestContext.Current.CancellationToken));

        Assert.Equal("20300109,20300110,20300111,20300112,20300113", await db.ScalarAsync<string>("""
            SELECT string_agg(right(c.relname, 8), ',' ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'trade_history'::regclass AND c.relname LIKE 'trade_history_2030%'
            """));
        await db.ExecuteAsync("INSERT INTO performance_metrics (time, bot_id, metric, value) VALUES ('2030-01-13 23:59:59+00', 1, 'fills', 1)");
        Assert.Equal("performance_metrics_20300113", await db.ScalarAsync<string>("SELECT tableoid::regclass::text FROM performance_metrics"));
    }

    [Fact]
    public async Task Retention_drops_whole_days_older_than_the_age_and_old_rows_in_default()
    {
        using var journal = HistoryJournal.Mixed(); // 2025-11-24 23:58 .. 2025-11-25 00:01
        await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        await new MarketDataProjection(source, journal.Directory).CatchUpAsync(TestContext.Current.CancellationToken);
        await db.ExecuteAsync("INSERT INTO market_data (time, instrument_id, kind, journal_position) VALUES ('2025-06-01 00:00:00+00', 1, 1, 1)");
        var secondDay = await db.ScalarAsync<long>("SELECT count(*) FROM market_data WHERE time >= '2025-11-25'");
        var candles = await db.ScalarAsync<long>("SELECT count(*) FROM candles_1m");
        Assert.True(secondDay > 0);

        // Now = 2026-02-23 00:00: 90 days back is 2025-11-25 00:00, so 2025-11-24 is wholly older and goes,
        // 2025-11-25 is not and stays, and so do the migration's partitions around the real today.
        var maintenance = new HistoryMaintenance(source, new FixedClock(new DateTime(2026, 2, 23, 0, 0, 0, DateTimeKind.Utc)));
        var result = await maintenance.DropPartitionsOlderThanAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["market_data_20251124"], result.DroppedPartitions);
        Assert.Equal(1, result.DefaultRowsDeleted);
        Assert.False(await db.ScalarAsync<bool>("SELECT to_regclass('market_data_20251124') IS NOT NULL"));
        Assert.Equal(secondDay, await db.ScalarAsync<long>("SELECT count(*) FROM market_data"));
        Assert.Equal(candles, await db.ScalarAsync<long>("SELECT count(*) FROM candles_1m"));
        var today = DateTime.UtcNow.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await db.ScalarAsync<bool>($"SELECT to_regclass('market_data_{today}') IS NOT NULL"));

        var again = await maintenance.DropPartitionsOlderThanAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(again.DroppedPartitions);
        Assert.Equal(0, again.DefaultRowsDeleted);
    }
}
