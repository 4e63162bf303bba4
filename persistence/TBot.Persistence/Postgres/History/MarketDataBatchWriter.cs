using Npgsql;
using TBot.Persistence.Postgres.Warm;

namespace TBot.Persistence.Postgres.History;

/// <summary>
/// Writes a <see cref="MarketDataBatch"/> and the projection's checkpoint in one transaction:
/// <list type="number">
/// <item>lock the projection and read its checkpoint (whether the batch is new, for the candles);</item>
/// <item>when the batch is not fresh (some position at or before the checkpoint), delete whatever rows its journal
/// range already has (a retried batch, <c>tbot db reproject</c>):
/// bounded by the batch's instruments and time span too, so the primary key (instrument, time, position), the
/// partitions/chunks of those days and the BRIN index narrow it to the batch's own rows;</item>
/// <item>binary COPY of the rows (<see cref="MarketDataCopy"/>);</item>
/// <item>native path: recompute the candles of the minutes/hours the batch's trades fall in (<see cref="CandleRollup"/>);</item>
/// <item>the checkpoint.</item>
/// </list>
/// So re-applying any range leaves exactly the rows a single application gives. On the native path the days'
/// partitions are ensured first, in their own short transaction (<see cref="DayPartitions"/>).
/// </summary>
public sealed class MarketDataBatchWriter(SchemaPath path)
{
    private const string DeleteRange = """
        DELETE FROM market_data
        WHERE instrument_id = ANY($1::integer[]) AND time >= $2 AND time <= $3 AND journal_position BETWEEN $4 AND $5
        """;

    private readonly DayPartitions _partitions = new();

    public SchemaPath Path { get; } = path;

    public async Task WriteAsync(NpgsqlConnection connection, string projection, MarketDataBatch batch, CancellationToken cancellationToken)
    {
        if (batch.IsEmpty) return;
        try
        {
            if (Path == SchemaPath.NativePartitioning && batch.Days.Count > 0)
                await _partitions.EnsureAsync(connection, "market_data", batch.Days, cancellationToken).ConfigureAwait(false);

            await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var checkpoint = await SqlCommands.LockAndReadCheckpointAsync(connection, tx, projection, cancellationToken).ConfigureAwait(false);
            var fresh = batch.FirstPosition > checkpoint;
            if (batch.Rows.Count > 0)
            {
                // A fresh batch has no rows in the table yet (rows commit with the checkpoint): deleting would find
                // none of its own, only another journal's rows of the same instrument, time and positions.
                if (!fresh)
                {
                    await using var delete = new NpgsqlCommand(DeleteRange, connection, tx);
                    foreach (var v in new object[] { batch.Instruments.ToArray(), batch.MinTime, batch.MaxTime, batch.FirstPosition, batch.LastPosition })
                        delete.Parameters.Add(new NpgsqlParameter { Value = v });
                    await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                await MarketDataCopy.WriteAsync(connection, batch.Rows, cancellationToken).ConfigureAwait(false);
            }
            await using (var after = new NpgsqlBatch(connection, tx))
            {
                if (Path == SchemaPath.NativePartitioning) CandleRollup.AddTo(after, batch.TradeMinutes, fresh);
                after.BatchCommands.Add(SqlCommands.Checkpoint(projection, batch.LastPosition));
                await after.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            throw new ProjectionWriteException(projection, batch.FirstPosition, batch.LastPosition, e);
        }
    }
}
