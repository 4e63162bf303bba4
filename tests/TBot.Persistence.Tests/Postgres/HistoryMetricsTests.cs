using Npgsql;
using TBot.Engine.Events;
using TBot.Engine.Journal;
using TBot.Persistence.Postgres.History;
using TBot.Persistence.Projections;

using TBot.Persistence.Tests.Projections;

namespace TBot.Persistence.Tests.Postgres;

public sealed class HistoryMetricsTests
{
    // Hand-computed from MetricsJournal below (money at 8 decimals, BTCUSDT quantities at 5, ETH-USDT at 4).
    internal const string Expected =
        "1 10:00 fees 0.00250000|1 10:00 fills 2|1 10:00 orders_submitted 2|1 10:00 position:BTCUSDT@binance 1.00000|" +
        "1 10:00 realized_pnl 0.00000000|1 10:00 realized_pnl:BTCUSDT@binance 0.00000000|1 10:00 risk_rejections 1|" +
        "1 10:01 fees 0.26000000|1 10:01 fills 2|1 10:01 kill_switches 1|1 10:01 position:BTCUSDT@binance 0.50000|" +
        "1 10:01 position:ETH-USDT@okx 0.0030|1 10:01 realized_pnl 6.02500000|1 10:01 realized_pnl:BTCUSDT@binance 1.00000000|" +
        "1 10:01 realized_pnl:ETH-USDT@okx 5.02500000|" +
        "2 10:00 cancels_requested 1|2 10:00 orders_submitted 1|2 10:01 risk_rejections 1";

    internal static Task<string> MetricsAsync(TestDatabase db) => db.ScalarAsync<string>("""
        SELECT coalesce(string_agg(concat_ws(' ', bot_id, to_char(time AT TIME ZONE 'UTC', 'HH24:MI'), metric, value), '|'
                                   ORDER BY bot_id, time, metric COLLATE "C"), '') FROM performance_metrics
        """);

    internal static HistoryJournal MetricsJournal()
    {
        var j = new HistoryJournal(new DateTime(2025, 11, 24, 10, 0, 0, DateTimeKind.Utc));
        j.Trade(1, 5_000_000, 1_000);                                           // market data: no metric
        j.Decision(DecisionKind.OrderSubmitted, 1);
        j.Decision(DecisionKind.OrderStatusChanged, 1);                         // not a metric
        j.Decision(DecisionKind.OrderSubmitted, 1);
        j.Decision(DecisionKind.RiskRejected, 1);
        j.Decision(DecisionKind.Fill, 1, instrument: 1, fee: 100_000, positionAfter: 40_000, realizedPnl: 0);
        j.Decision(DecisionKind.OrderSubmitted, 2);
        j.Decision(DecisionKind.Fill, 1, instrument: 1, fee: 150_000, positionAfter: 100_000, realizedPnl: 0);
        j.Decision(DecisionKind.CancelRequested, 2);
        j.At(new DateTime(2025, 11, 24, 10, 1, 0, DateTimeKind.Utc));
        j.Other(MarketEventKind.Timer);
        j.Decision(DecisionKind.Fill, 1, instrument: 2, fee: 25_000_000, positionAfter: 30, realizedPnl: 502_500_000);
        j.Decision(DecisionKind.RiskRejected, 2);
        j.Decision(DecisionKind.Fill, 1, instrument: 1, fee: 1_000_000, positionAfter: 50_000, realizedPnl: 100_000_000);
        j.Decision(DecisionKind.ReportIgnored, 1);                              // not a metric
        j.Decision(DecisionKind.KillSwitch, 1);
        j.Flush();
        return j;
    }

    [Fact]
    public async Task Metrics_per_bot_and_minute_match_the_hand_computed_values_in_any_batch_size()
    {
        using var journal = MetricsJournal();
        foreach (var batchRecords in new[] { 8192, 3, 1 })
        {
            await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
            await using var source = NpgsqlDataSource.Create(db.ConnectionString);
            var projection = new PerformanceMetricsProjection(source, journal.Directory, batchRecords);

            var result = await projection.CatchUpAsync(TestContext.Current.CancellationToken);

            Assert.Equal(11, result.DecisionsApplied);
            Assert.Equal(journal.LastPosition, await projection.ReadCheckpointAsync(TestContext.Current.CancellationToken));
            Assert.Equal(Expected, await MetricsAsync(db));
            Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM performance_metrics_default"));
        }
    }

    [Fact]
    public async Task Reapplying_ranges_never_counts_a_decision_twice()
    {
        using var journal = MetricsJournal();
        await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var projection = new PerformanceMetricsProjection(source, journal.Directory, batchRecords: 4);

        // Stop in the middle of minute 10:00, then re-apply ranges that straddle the checkpoint.
        await projection.ApplyRangeAsync(1, 6, TestContext.Current.CancellationToken);
        Assert.Equal(1, (await projection.ApplyRangeAsync(3, 7, TestContext.Current.CancellationToken)).DecisionsApplied);
        await projection.CatchUpAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Expected, await MetricsAsync(db));

        foreach (var (from, to) in new[] { (1L, long.MaxValue), (5L, 9L), (12L, 12L), (2L, 15L) })
        {
            var again = await projection.ApplyRangeAsync(from, to, TestContext.Current.CancellationToken);
            Assert.Equal(0, again.DecisionsApplied);
            Assert.Equal(Expected, await MetricsAsync(db));
        }
        Assert.Equal(journal.LastPosition, await projection.ReadCheckpointAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_runner_driven_projection_gives_the_same_metrics_and_a_repeated_batch_adds_nothing()
    {
        using var journal = MetricsJournal();
        await using var db = await PostgresServer.CreateMigratedDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var projection = new PerformanceMetricsLiveProjection(source, JournalManifest.Load(journal.Directory));
        using var tail = new JournalTail(journal.Directory, new JournalTailOptions { BatchSize = 2 });
        Assert.True(tail.TryReadBatch(0, out var firstBatch));
        await projection.ApplyAsync(firstBatch, TestContext.Current.CancellationToken);
        await projection.ApplyAsync(firstBatch, TestContext.Current.CancellationToken);
        Assert.Equal("1 10:00 orders_submitted 1", await MetricsAsync(db));

        var runner = await RunnerDrive.UntilAsync(projection, tail, journal.LastPosition, TimeSpan.FromSeconds(30));

        Assert.Equal(journal.LastPosition, runner.Applied);
        Assert.Equal(0, runner.Failures);
        Assert.Equal(Expected, await MetricsAsync(db));
    }
}
