using Npgsql;
using TBot.Persistence.Postgres.Warm;

namespace TBot.Persistence.Postgres.History;

/// <summary>
/// Stores catalog day journals (or any journal of market data) into <c>market_data</c>: each journal is projected by
/// <see cref="MarketDataProjection"/> under a checkpoint of its own (the caller names it, e.g.
/// <c>history:{venue}:{symbol}:{kind}:{day}:{journal id}</c>), from that checkpoint to the journal's end, in batches
/// committed with the checkpoint. So a second store of the same days writes nothing, a store interrupted anywhere
/// resumes after its last committed batch, and a day a later fetch extended stores only the new records.
/// Instrument ids go through the registry (journal id 1 → the database id of its venue and symbol). Native path:
/// the day partitions are created before the first COPY (the writer also ensures the days of each batch), so no row
/// lands in DEFAULT, and candles_1m/1h are kept in each batch's transaction (<see cref="CandleRollup"/>).
/// </summary>
public sealed class HistoryDayStore(NpgsqlDataSource dataSource, SchemaPath path, int batchRecords = 8192)
{
    private readonly DayPartitions _partitions = new();

    public SchemaPath Path { get; } = path;

    /// <summary>Store what <paramref name="journalDirectory"/> holds after checkpoint <paramref name="checkpoint"/>.
    /// <paramref name="days"/>: the UTC days its records fall in (partitions made before the COPY).</summary>
    public async Task<HistoryDayStoreResult> StoreAsync(string journalDirectory, string checkpoint, IReadOnlyCollection<DateOnly> days,
        CancellationToken cancellationToken)
    {
        if (Path == SchemaPath.NativePartitioning && days.Count > 0)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await _partitions.EnsureAsync(connection, "market_data", days, cancellationToken).ConfigureAwait(false);
        }
        var projection = new MarketDataProjection(dataSource, journalDirectory, batchRecords, checkpoint, Path);
        var before = await projection.ReadCheckpointAsync(cancellationToken).ConfigureAwait(false);
        var result = await projection.CatchUpAsync(cancellationToken).ConfigureAwait(false);
        return new HistoryDayStoreResult(checkpoint, before, Math.Max(before, result.LastPosition), result.RecordsRead, result.DecisionsApplied, result.Batches);
    }

    /// <summary>The stored position of <paramref name="checkpoint"/> (0: nothing stored yet).</summary>
    public Task<long> ReadCheckpointAsync(string checkpoint, CancellationToken cancellationToken) =>
        ProjectionCheckpoints.ReadAsync(dataSource, checkpoint, cancellationToken);
}
