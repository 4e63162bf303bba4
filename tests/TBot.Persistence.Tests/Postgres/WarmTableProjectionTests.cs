using Npgsql;
using TBot.Persistence.Postgres;
using TBot.Persistence.Postgres.Warm;

namespace TBot.Persistence.Tests.Postgres;

public sealed class WarmTableProjectionTests
{
    [Fact]
    public async Task A_crafted_journal_projects_to_the_expected_orders_trades_and_positions()
    {
        using var journal = new CraftedJournal();
        await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var projection = new WarmTableProjection(source, journal.Directory);

        var result = await projection.CatchUpAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, result.FirstPosition);
        Assert.Equal(journal.LastPosition, result.LastPosition);
        Assert.Equal(journal.LastPosition, result.RecordsRead);
        Assert.Equal(journal.LastPosition, await projection.ReadCheckpointAsync(TestContext.Current.CancellationToken));

        Assert.Equal("1,pgtest01|2,pgtest01", await db.ScalarAsync<string>(
            "SELECT string_agg(bot_id || ',' || journal_id, '|' ORDER BY bot_id) FROM bot_instances"));
        Assert.Equal(3L, await db.ScalarAsync<long>("SELECT count(*) FROM orders"));
        Assert.Equal($"tb{CraftedJournal.JournalId}-1-1|BUY|LIMIT|50000.00|1.00000|1.00000|FILLED|777|8",
            await OrderAsync(db, CraftedJournal.BuyOrder));
        Assert.Equal($"tb{CraftedJournal.JournalId}-1-2|SELL|MARKET|-|0.50000|0.50000|FILLED|777|11",
            await OrderAsync(db, CraftedJournal.SellOrder));
        Assert.Equal($"tb{CraftedJournal.JournalId}-2-1|SELL|LIMIT|51000.00|0.25000000|0.00000000|CANCELLED|-|17",
            await OrderAsync(db, CraftedJournal.CancelledOrder));

        Assert.Equal("9001,BUY,49999.00,0.40000,0.00100000|9002,BUY,50000.00,0.60000,0.00150000|9003,SELL,50100.00,0.50000,0.25000000",
            await db.ScalarAsync<string>(
                "SELECT string_agg(concat_ws(',', trade_id, side, price, quantity, fee), '|' ORDER BY trade_id) FROM trades"));
        // History: every order decision (cancel request included, risk reject and ignored report not), every fill.
        Assert.Equal("2,3,5,6,8,9,10,11,14,15,16,17", await db.ScalarAsync<string>(
            "SELECT string_agg(journal_position::text, ',' ORDER BY journal_position) FROM order_history"));
        Assert.Equal("FILL|PARTIALLY_FILLED|0.40000|-", await db.ScalarAsync<string>(
            "SELECT concat_ws('|', event, to_status, quantity, coalesce(filled_quantity::text, '-')) FROM order_history WHERE journal_position = 6"));
        Assert.Equal("9001,9002,9003", await db.ScalarAsync<string>(
            "SELECT string_agg(trade_id::text, ',' ORDER BY trade_id) FROM trade_history"));
        Assert.Equal("1,1,binance,BTCUSDT,0.50000,5.02500000,11", await db.ScalarAsync<string>(
            "SELECT string_agg(concat_ws(',', bot_id, instrument_id, venue, symbol, quantity, realized_pnl, journal_position), '|') FROM positions"));
    }

    [Fact]
    public async Task Reprojecting_any_range_changes_no_row_and_never_moves_the_checkpoint_back()
    {
        using var journal = new CraftedJournal();
        await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var projection = new WarmTableProjection(source, journal.Directory);
        await projection.CatchUpAsync(TestContext.Current.CancellationToken);
        var before = await db.WarmSnapshotAsync();

        await projection.ApplyRangeAsync(1, long.MaxValue, TestContext.Current.CancellationToken);
        Assert.Equal(before, await db.WarmSnapshotAsync());
        foreach (var (from, to) in new[] { (5L, 9L), (2L, 3L), (6L, 6L), (11L, 17L) })
        {
            await projection.ApplyRangeAsync(from, to, TestContext.Current.CancellationToken);
            Assert.Equal(before, await db.WarmSnapshotAsync());
        }
        Assert.Equal(journal.LastPosition, await projection.ReadCheckpointAsync(TestContext.Current.CancellationToken));
        var again = await projection.CatchUpAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, again.RecordsRead);
    }

    [Fact]
    public async Task Small_batches_give_the_same_rows_and_the_checkpoint_advances_batch_by_batch()
    {
        using var journal = new CraftedJournal();
        await using var reference = await PostgresServer.CreateMigratedDatabaseAsync();
        await using (var referenceSource = NpgsqlDataSource.Create(reference.ConnectionString))
            await new WarmTableProjection(referenceSource, journal.Directory).CatchUpAsync(TestContext.Current.CancellationToken);
        var expected = await reference.WarmSnapshotAsync();

        await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        // Two records per batch: fills land in other batches than their order's submission (status-only updates).
        var projection = new WarmTableProjection(source, journal.Directory, batchRecords: 2);

        var first = await projection.ApplyRangeAsync(1, 6, TestContext.Current.CancellationToken);
        Assert.Equal(6, first.LastPosition);
        Assert.Equal(3, first.Batches);
        Assert.Equal(6, await projection.ReadCheckpointAsync(TestContext.Current.CancellationToken));
        Assert.Equal("PARTIALLY_FILLED|0.40000", await db.ScalarAsync<string>(
            $"SELECT status || '|' || filled_quantity FROM orders WHERE client_order_id = {CraftedJournal.BuyOrder}"));

        var rest = await projection.CatchUpAsync(TestContext.Current.CancellationToken);
        Assert.Equal(7, rest.FirstPosition);
        Assert.Equal(journal.LastPosition, rest.LastPosition);
        Assert.Equal(journal.LastPosition, await projection.ReadCheckpointAsync(TestContext.Current.CancellationToken));
        Assert.Equal(expected, await db.WarmSnapshotAsync());
        var status = await MigrationRunner.StatusAsync(db.ConnectionString, TestContext.Current.CancellationToken);
        Assert.Equal(journal.LastPosition, Assert.Single(status.Checkpoints, c => c.Projection == WarmTableProjection.DefaultName).Position);
    }

    [Fact]
    public async Task A_fill_of_an_order_the_tables_do_not_have_fails_with_the_journal_range_and_the_constraint()
    {
        using var journal = new CraftedJournal();
        await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var projection = new WarmTableProjection(source, journal.Directory);

        // Starting after the buy order's submission: its fill refers to an order row that does not exist.
        var e = await Assert.ThrowsAsync<ProjectionWriteException>(() => projection.ApplyRangeAsync(6, 6, TestContext.Current.CancellationToken));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, e.SqlState);
        Assert.Contains("positions 6..6", e.Message, StringComparison.Ordinal);
        Assert.Contains("trades_client_order_id_fkey", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, await projection.ReadCheckpointAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM trades"));
    }

    private static async Task<string> OrderAsync(TestDatabase db, long clientOrderId) =>
        await db.ScalarAsync<string>($"""
            SELECT concat_ws('|', client_order_text, side, type, coalesce(price::text, '-'), quantity, filled_quantity, status,
                             coalesce(venue_order_id::text, '-'), journal_position)
            FROM orders WHERE client_order_id = {clientOrderId}
            """);
}
