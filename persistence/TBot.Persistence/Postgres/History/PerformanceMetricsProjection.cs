using Npgsql;
using TBot.Engine.Journal;
using TBot.Persistence.Postgres.Warm;

namespace TBot.Persistence.Postgres.History;

/// <summary>
/// Projects a journal's decisions into <c>performance_metrics</c> (per bot and engine-time minute, see
/// <see cref="PerformanceMetricNames"/>) on demand: catch-up and <c>tbot db reproject</c>. The live form is
/// <see cref="PerformanceMetricsLiveProjection"/>. Each batch commits with its checkpoint; re-applied decisions
/// are not counted twice (<see cref="PerformanceMetricsWriter"/> says how).
/// </summary>
public sealed class PerformanceMetricsProjection
{
    public const string DefaultName = "performance_metrics";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _journalDirectory;
    private readonly SchemaPath? _path;

    /// <param name="path">The database's history layout; read from <c>schema_migrations</c> when null.</param>
    public PerformanceMetricsProjection(NpgsqlDataSource dataSource, string journalDirectory, int batchRecords = 8192, string name = DefaultName,
        SchemaPath? path = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchRecords, 1);
        _dataSource = dataSource;
        _journalDirectory = journalDirectory;
        _path = path;
        BatchRecords = batchRecords;
        Name = name;
    }

    public string Name { get; }

    public int BatchRecords { get; }

    public Task<long> ReadCheckpointAsync(CancellationToken cancellationToken = default) =>
        ProjectionCheckpoints.ReadAsync(_dataSource, Name, cancellationToken);

    public async Task<ProjectionResult> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        var checkpoint = await ReadCheckpointAsync(cancellationToken).ConfigureAwait(false);
        return await ApplyRangeAsync(checkpoint + 1, long.MaxValue, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Apply journal positions <paramref name="fromPosition"/>..<paramref name="toPosition"/> (inclusive,
    /// clipped to the journal). <see cref="ProjectionResult.DecisionsApplied"/> counts the decisions that added to
    /// a metric: 0 for a range at or before the checkpoint.</summary>
    public async Task<ProjectionResult> ApplyRangeAsync(long fromPosition, long toPosition, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromPosition, 1);
        using var reader = JournalReader.Open(_journalDirectory);
        var builder = new PerformanceMetricsBuilder(reader.Manifest);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var writer = new PerformanceMetricsWriter(_path ?? await SchemaPaths.ReadAsync(connection, cancellationToken).ConfigureAwait(false),
            builder.InstrumentPnlMetrics);
        var batch = new PerformanceMetricsBatch();
        long first = 0, last = 0, records = 0, applied = 0;
        var batches = 0;
        reader.SeekPosition(fromPosition);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch.Clear();
            ReadBatch(reader, builder, batch, toPosition);
            if (batch.IsEmpty) break;
            applied += await writer.WriteAsync(connection, Name, batch, cancellationToken).ConfigureAwait(false);
            if (first == 0) first = batch.FirstPosition;
            last = batch.LastPosition;
            records += batch.Records;
            batches++;
            if (batch.Records < BatchRecords || last >= toPosition) break;
        }
        return new ProjectionResult(first, last, records, applied, batches);
    }

    // Synchronous on purpose: a JournalRecord views the reader's buffer and must not live across an await.
    private void ReadBatch(JournalReader reader, PerformanceMetricsBuilder builder, PerformanceMetricsBatch batch, long toPosition)
    {
        while (batch.Records < BatchRecords && reader.TryRead(out var record))
        {
            if (record.Position > toPosition) break;
            batch.Saw(record.Position);
            if (record.Type == JournalRecordType.Decision) builder.Add(batch, in record.Decision, record.Position);
        }
    }
}
