using Npgsql;
using TBot.Persistence.Postgres.Warm;

namespace TBot.Persistence.Postgres.History;

/// <summary>
/// Writes a <see cref="PerformanceMetricsBatch"/> into <c>performance_metrics</c> with the projection's checkpoint,
/// in one transaction.
/// <para><b>Why re-applying never doubles a counter.</b> A minute's counter is a sum over decisions that usually
/// arrive in several batches (the live runner sees a few records at a time), so it cannot be recomputed from one
/// batch, and an absolute running total would need all history before a re-projected range. Instead the
/// checkpoint is the guard: it is read (locked) in the writing transaction, and only decisions after it are added;
/// the ones at or before it are already in the rows, because every batch commits its rows together with its
/// checkpoint and batches are applied in journal order. So a retried batch, <c>tbot db reproject</c> of any range
/// and a crash between batches all leave each decision counted exactly once. The cost: re-projecting cannot
/// repair rows (to rebuild, delete the rows from some minute on and set the checkpoint back to the position
/// before that minute's first record), and a range applied beyond a gap (positions after the checkpoint + 1)
/// would skip the gap for good; catch-up and the runner never create one.</para>
/// <para>Levels (<see cref="MetricAggregation.Last"/>) take the value of the minute's latest decision; the bot's
/// total realised PnL is then recomputed for each minute with a fill from the latest per-instrument values at or
/// before it (index lookups on the primary key).</para>
/// </summary>
public sealed class PerformanceMetricsWriter(SchemaPath path, IReadOnlyList<string> instrumentPnlMetrics)
{
    private const string AddSums = """
        INSERT INTO performance_metrics (time, bot_id, metric, value)
        SELECT * FROM unnest($1::timestamptz[], $2::integer[], $3::text[], $4::numeric[])
        ON CONFLICT (bot_id, metric, time) DO UPDATE SET value = performance_metrics.value + EXCLUDED.value
        """;

    private const string SetLevels = """
        INSERT INTO performance_metrics (time, bot_id, metric, value)
        SELECT * FROM unnest($1::timestamptz[], $2::integer[], $3::text[], $4::numeric[])
        ON CONFLICT (bot_id, metric, time) DO UPDATE SET value = EXCLUDED.value
        """;

    private const string SetTotalPnl = """
        INSERT INTO performance_metrics (time, bot_id, metric, value)
        SELECT t.time, t.bot_id, 'realized_pnl', sum(l.value)
        FROM unnest($1::integer[], $2::timestamptz[]) AS t (bot_id, time)
        CROSS JOIN unnest($3::text[]) AS i (metric)
        CROSS JOIN LATERAL (SELECT p.value FROM performance_metrics p
                            WHERE p.bot_id = t.bot_id AND p.metric = i.metric AND p.time <= t.time
                            ORDER BY p.time DESC LIMIT 1) AS l
        GROUP BY t.time, t.bot_id
        ON CONFLICT (bot_id, metric, time) DO UPDATE SET value = EXCLUDED.value
        """;

    private readonly DayPartitions _partitions = new();
    private readonly string[] _pnlMetrics = instrumentPnlMetrics.ToArray();

    public SchemaPath Path { get; } = path;

    /// <summary>Returns the number of decisions added (those after the stored checkpoint).</summary>
    public async Task<int> WriteAsync(NpgsqlConnection connection, string projection, PerformanceMetricsBatch batch, CancellationToken cancellationToken)
    {
        if (batch.IsEmpty) return 0;
        try
        {
            if (Path == SchemaPath.NativePartitioning && batch.Contributions.Count > 0)
                await _partitions.EnsureAsync(connection, "performance_metrics",
                    batch.Contributions.Select(c => DateOnly.FromDateTime(c.Minute)), cancellationToken).ConfigureAwait(false);

            await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var checkpoint = await SqlCommands.LockAndReadCheckpointAsync(connection, tx, projection, cancellationToken).ConfigureAwait(false);

            var fresh = batch.Contributions.Where(c => c.Position > checkpoint).ToArray();
            await using (var write = new NpgsqlBatch(connection, tx))
            {
                var sums = fresh.Where(c => c.Aggregation == MetricAggregation.Sum)
                    .GroupBy(c => (c.BotId, c.Metric, c.Minute))
                    .Select(g => (g.Key, Value: g.Sum(c => c.Value))).ToArray();
                if (sums.Length > 0)
                    write.BatchCommands.Add(SqlCommands.Make(AddSums, sums.Select(s => s.Key.Minute).ToArray(),
                        sums.Select(s => s.Key.BotId).ToArray(), sums.Select(s => s.Key.Metric).ToArray(), sums.Select(s => s.Value).ToArray()));
                // Contributions are in journal order, so the last one of a group is the minute's latest.
                var levels = fresh.Where(c => c.Aggregation == MetricAggregation.Last)
                    .GroupBy(c => (c.BotId, c.Metric, c.Minute))
                    .Select(g => (g.Key, g.Last().Value)).ToArray();
                if (levels.Length > 0)
                    write.BatchCommands.Add(SqlCommands.Make(SetLevels, levels.Select(s => s.Key.Minute).ToArray(),
                        levels.Select(s => s.Key.BotId).ToArray(), levels.Select(s => s.Key.Metric).ToArray(), levels.Select(s => s.Value).ToArray()));
                var pnlMinutes = fresh.Where(c => c.Metric.StartsWith(PerformanceMetricNames.RealizedPnl + ":", StringComparison.Ordinal))
                    .Select(c => (c.BotId, c.Minute)).Distinct().ToArray();
                if (pnlMinutes.Length > 0)
                    write.BatchCommands.Add(SqlCommands.Make(SetTotalPnl, pnlMinutes.Select(m => m.BotId).ToArray(),
                        pnlMinutes.Select(m => m.Minute).ToArray(), _pnlMetrics));
                write.BatchCommands.Add(SqlCommands.Checkpoint(projection, batch.LastPosition));
                await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return fresh.Select(c => c.Position).Distinct().Count();
        }
        catch (PostgresException e)
        {
            throw new ProjectionWriteException(projection, batch.FirstPosition, batch.LastPosition, e);
        }
    }
}
