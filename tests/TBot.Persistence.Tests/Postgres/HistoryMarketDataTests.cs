using Npgsql;
using TBot.Engine.Events;
using TBot.Engine.Journal;
using TBot.Persistence.Postgres;
using TBot.Persistence.Postgres.History;
using TBot.Persistence.Projections;

using TBot.Persistence.Tests.Projections;

namespace TBot.Persistence.Tests.Postgres;

public sealed class HistoryMarketDataTests
{
    // Everything the market_data projection writes, as one comparable text.
    internal static async Task<string> MarketSnapshotAsync(TestDatabase db) =>
        "market_data:\n" + await db.SnapshotAsync("market_data") + "\ncandles_1m:\n" + await db.SnapshotAsync("candles_1m") +
        "\ncandles_1h:\n" + await db.SnapshotAsync("candles_1h");

    // Price mantissas back from the numeric column, at each instrument's price scale.
    private const string Checksums = """
        SELECT concat_ws('|', count(*), sum(journal_position), sum(coalesce(m.price, 0) * 10 ^ s.scale)::bigint)
        FROM market_data m JOIN (VALUES (1, 2), (2, 3)) AS s (instrument_id, scale) USING (instrument_id)
        """;

    [Fact]
    public async Task Rows_equal_the_journals_market_events_in_count_positions_and_prices()
    {
        using var journal = HistoryJournal.Mixed();
        await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var projection = new MarketDataProjection(source, journal.Directory, batchRecords: 50);

        var result = await projection.CatchUpAsync(TestContext.Current.CancellationToken);

        Assert.Equal(journal.LastPosition, result.LastPosition);
        Assert.Equal(journal.MarketRows, result.DecisionsApplied);
        Assert.Equal(journal.LastPosition, await projection.ReadCheckpointAsync(TestContext.Current.CancellationToken));
        Assert.Equal($"{journal.MarketRows}|{journal.PositionSum}|{journal.PriceMantissaSum}", await db.ScalarAsync<string>(Checksums));
        // Not market data: timers, control, order updates and fill reports.
        Assert.Equal("1,2,3,4,5,6,7", await db.ScalarAsync<string>("SELECT string_agg(DISTINCT kind::text, ',') FROM market_data"));

        // Each kind's columns, exact at the instrument's scale (ETH-USDT: price 3 decimals, quantity 4).
        Assert.Equal("2|SELL|3000.053|0.0031|-", await db.ScalarAsync<string>("""
            SELECT concat_ws('|', kind, side, price, quantity, coalesce(bid::text, '-')) FROM market_data
            WHERE instrument_id = 2 AND kind = 2 ORDER BY journal_position OFFSET 1 LIMIT 1
            """));
        Assert.Equal("5|3000.123|0.0007|999.9000|2025-11-24 23:58:30.019+00|-", await db.ScalarAsync<string>("""
            SELECT concat_ws('|', kind, price, quantity, volume, to_char(exchange_time AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS+00'),
                   coalesce(side, '-')) FROM market_data WHERE kind = 5 ORDER BY journal_position LIMIT 1
            """));
        Assert.Equal("6|3000.000|3000.400|2999.800|3000.100|123.4000|16", await db.ScalarAsync<string>(
            "SELECT concat_ws('|', kind, open, high, low, price, volume, flags) FROM market_data WHERE kind = 6 ORDER BY journal_position LIMIT 1"));
        Assert.Equal("50000.00|0.00100|50001.00|0.00200", await db.ScalarAsync<string>(
            "SELECT concat_ws('|', bid, bid_size, ask, ask_size) FROM market_data WHERE kind = 1 AND instrument_id = 1 ORDER BY journal_position LIMIT 1"));
        Assert.Equal("0,0,8,0", await db.ScalarAsync<string>(
            "SELECT string_agg(flags::text, ',' ORDER BY journal_position) FROM market_data WHERE kind = 7"));
        Assert.Equal("BUY|1|SELL|2", await db.ScalarAsync<string>("""
            SELECT string_agg(concat_ws('|', side, flags), '|' ORDER BY journal_position) FROM
            (SELECT * FROM market_data WHERE kind = 4 ORDER BY journal_position LIMIT 2) s
            """));

        // The journal is from 2025, far from the days the migration created: the projection made its two days'
        // partitions and nothing went to DEFAULT.
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM market_data_default"));
        Assert.Equal("market_data_20251124,market_data_20251125", await db.ScalarAsync<string>(
            "SELECT string_agg(DISTINCT tableoid::regclass::text, ',') FROM market_data"));
    }

    [Fact]
    public async Task Reprojecting_the_whole_journal_or_any_range_changes_no_row_and_keeps_the_checkpoint()
    {
        using var journal = HistoryJournal.Mixed();
        await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var projection = new MarketDataProjection(source, journal.Directory);
        await projection.CatchUpAsync(TestContext.Current.CancellationToken);
        var before = await MarketSnapshotAsync(db);
        Assert.Contains("candles_1m:\n(", before);

        await projection.ApplyRangeAsync(1, long.MaxValue, TestContext.Current.CancellationToken);
        Assert.Equal(before, await MarketSnapshotAsync(db));
        var small = new MarketDataProjection(source, journal.Directory, batchRecords: 7);
        foreach (var (from, to) in new[] { (5L, 9L), (1L, 1L), (40L, 97L), (journal.LastPosition - 3, journal.LastPosition), (2L, long.MaxValue) })
        {
            await small.ApplyRangeAsync(from, to, TestContext.Current.CancellationToken);
            Assert.Equal(before, await MarketSnapshotAsync(db));
        }
        Assert.Equal(journal.LastPosition, await projection.ReadCheckpointAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, (await projection.CatchUpAsync(TestContext.Current.CancellationToken)).RecordsRead);
    }

    [Fact]
    public async Task The_runner_driven_projection_equals_the_catch_up_and_survives_a_repeated_batch()
    {
        using var journal = HistoryJournal.Mixed();
        await using var reference = await PostgresServer.CreateMigratedDatabaseAsync();
        await using (var referenceSource = NpgsqlDataSource.Create(reference.ConnectionString))
            await new MarketDataProjection(referenceSource, journal.Directory).CatchUpAsync(TestContext.Current.CancellationToken);
        var expected = await MarketSnapshotAsync(reference);

        await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var projection = new MarketDataLiveProjection(source, JournalManifest.Load(journal.Directory), SchemaPath.NativePartitioning);
        using var tail = new JournalTail(journal.Directory, new JournalTailOptions { BatchSize = 7 });
        Assert.True(tail.TryReadBatch(0, out var firstBatch));
        await projection.ApplyAsync(firstBatch, TestContext.Current.CancellationToken);
        await projection.ApplyAsync(firstBatch, TestContext.Current.CancellationToken);
        Assert.Equal(7, await projection.LoadCheckpointAsync(TestContext.Current.CancellationToken));

        var runner = await RunnerDrive.UntilAsync(projection, tail, journal.LastPosition, TimeSpan.FromSeconds(30));

        Assert.Equal(journal.LastPosition, runner.Applied);
        Assert.Equal(0, runner.Failures);
        Assert.Equal(expected, await MarketSnapshotAsync(db));
    }

    [Fact]
    public async Task Native_candles_are_recomputed_per_touched_minute_and_hour_with_hand_checked_values()
    {
        var start = new DateTime(2025, 11, 24, 16, 0, 1, DateTimeKind.Utc);
        using var journal = new HistoryJournal(start);
        journal.Trade(1, 10_000, 100_000);                 // 100.00 x 1, opens 16:00
        journal.Quote(1, 1, 2);                            // not a trade: not in the candle
        journal.At(start.AddSeconds(29));
        journal.Trade(1, 10_500, 200_000);                 // 105.00 x 2, high
        journal.At(start.AddSeconds(58));
        journal.Trade(1, 9_900, 100_000);                  // 99.00 x 1, low and close of 16:00
        journal.At(start.AddSeconds(69));
        journal.Trade(1, 10_100, 100_000);                 // 101.00 x 1, alone in 16:01
        journal.At(start.AddMinutes(60));
        journal.Trade(1, 20_000, 50_000);                  // 200.00 x 0.5, 17:00
        journal.Flush();
        await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);

        // Two records per batch: every minute is built over several batches, as the live runner does.
        await new MarketDataProjection(source, journal.Directory, batchRecords: 2).CatchUpAsync(TestContext.Current.CancellationToken);

        Assert.Equal("16:00 100.00,105.00,99.00,99.00,4.00000,3|16:01 101.00,101.00,101.00,101.00,1.00000,1|17:00 200.00,200.00,200.00,200.00,0.50000,1",
            await db.ScalarAsync<string>(
                "SELECT string_agg(to_char(bucket AT TIME ZONE 'UTC', 'HH24:MI') || ' ' || concat_ws(',', open, high, low, close, volume, trades), '|' ORDER BY bucket) FROM candles_1m"));
        Assert.Equal("16:00 100.00,105.00,99.00,101.00,5.00000,4|17:00 200.00,200.00,200.00,200.00,0.50000,1",
            await db.ScalarAsync<string>(
                "SELECT string_agg(to_char(bucket AT TIME ZONE 'UTC', 'HH24:MI') || ' ' || concat_ws(',', open, high, low, close, volume, trades), '|' ORDER BY bucket) FROM candles_1h"));
    }

    [Fact]
    public async Task Rows_parked_in_the_default_partition_are_moved_when_their_days_partition_is_created()
    {
        using var journal = HistoryJournal.Mixed();
        await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
        // Written before any partition for 2025-11-24 existed (as an old client would have): it lands in DEFAULT,
        // and PostgreSQL would refuse to create that day's partition while it sits there.
        await db.ExecuteAsync("INSERT INTO market_data (time, instrument_id, kind, journal_position) VALUES ('2025-11-24 12:00:00+00', 9, 1, 1)");
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM market_data_default"));
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);

        await new MarketDataProjection(source, journal.Directory).CatchUpAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM market_data_default"));
        Assert.Equal("market_data_20251124", await db.ScalarAsync<string>("SELECT tableoid::regclass::text FROM market_data WHERE instrument_id = 9"));
        Assert.Equal(journal.MarketRows + 1, await db.ScalarAsync<long>("SELECT count(*) FROM market_data"));
    }
}
