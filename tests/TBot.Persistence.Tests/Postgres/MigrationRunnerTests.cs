using TBot.Persistence.Postgres;

namespace TBot.Persistence.Tests.Postgres;

public sealed class MigrationRunnerTests
{
    private static readonly string[] Tables =
    [
        "strategies", "bot_instances", "orders", "trades", "positions", "market_data", "order_history", "trade_history",
        "performance_metrics", "engine_metrics", "candles_1m", "candles_1h", "projection_checkpoints", "schema_migrations",
    ];

    [Fact]
    public async Task Empty_database_is_migrated_on_the_native_path_when_timescaledb_is_missing()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();

        var result = await MigrationRunner.MigrateAsync(db.ConnectionString, TestContext.Current.CancellationToken);

        Assert.Equal(SchemaPath.NativePartitioning, result.Path);
        Assert.NotNull(result.TimescaleUnavailable);
        Assert.Equal(MigrationCatalog.LatestVersion, result.Version);
        Assert.Equal([1, 2, 3, 4, 5, 6], result.Applied.Select(m => m.Version));
        foreach (var table in Tables)
            Assert.True(await db.ScalarAsync<bool>($"SELECT to_regclass('{table}') IS NOT NULL"), $"table {table} missing");
        // Partitioned by day, with today's partition created and BRIN on time.
        Assert.Equal("p", await db.ScalarAsync<string>("SELECT relkind::text FROM pg_class WHERE relname = 'market_data'"));
        var today = DateTime.UtcNow.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await db.ScalarAsync<bool>($"SELECT to_regclass('market_data_{today}') IS NOT NULL"));
        Assert.Equal("brin", await db.ScalarAsync<string>(
            "SELECT am.amname::text FROM pg_class i JOIN pg_am am ON am.oid = i.relam WHERE i.relname = 'market_data_time_brin'"));
        // A row of today goes to its daily partition, not the default one.
        await db.ExecuteAsync("INSERT INTO market_data (time, instrument_id, kind, journal_position) VALUES (now(), 1, 2, 1)");
        Assert.Equal($"market_data_{today}", await db.ScalarAsync<string>("SELECT tableoid::regclass::text FROM market_data"));
    }

    [Fact]
    public async Task Running_migrations_again_applies_nothing_and_status_reports_version_and_path()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        var empty = await MigrationRunner.StatusAsync(db.ConnectionString, TestContext.Current.CancellationToken);
        Assert.Equal(0, empty.Version);
        Assert.Null(empty.Path);
        Assert.False(empty.IsCurrent);

        await MigrationRunner.MigrateAsync(db.ConnectionString, TestContext.Current.CancellationToken);
        var again = await MigrationRunner.MigrateAsync(db.ConnectionString, TestContext.Current.CancellationToken);

        Assert.Empty(again.Applied);
        Assert.Null(again.TimescaleUnavailable);
        Assert.Equal(MigrationCatalog.LatestVersion, again.Version);
        var status = await MigrationRunner.StatusAsync(db.ConnectionString, TestContext.Current.CancellationToken);
        Assert.True(status.IsCurrent);
        Assert.Equal(SchemaPath.NativePartitioning, status.Path);
        Assert.Equal(6, status.Migrations.Count);
        Assert.Empty(status.Checkpoints);
        Assert.Equal(6L, await db.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public void Catalog_has_one_file_per_version_and_path()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6], MigrationCatalog.For(SchemaPath.NativePartitioning).Select(m => m.Version));
        Assert.Equal([1, 2, 3, 4, 5, 6], MigrationCatalog.For(SchemaPath.TimescaleDb).Select(m => m.Version));
        Assert.Contains("create_hypertable", MigrationCatalog.For(SchemaPath.TimescaleDb)[1].Sql, StringComparison.Ordinal);
    }
}
