using Npgsql;
using TBot.Engine.Journal;
using TBot.Persistence.Postgres.Warm;
using TBot.Persistence.Projections;

namespace TBot.Persistence.Postgres.History;

/// <summary>
/// The performance_metrics projection as an <see cref="IProjection"/> for the ProjectionRunner. Same rows and
/// checkpoint as <see cref="PerformanceMetricsProjection"/>; a retried batch adds nothing twice. The schema path
/// (whether day partitions must be ensured) is read from <c>schema_migrations</c> on the first batch unless given.
/// </summary>
public sealed class PerformanceMetricsLiveProjection(NpgsqlDataSource dataSource, JournalManifest manifest, SchemaPath? path = null,
    string name = PerformanceMetricsProjection.DefaultName) : IProjection
{
    private readonly PerformanceMetricsBuilder _builder = new(manifest);
    private readonly PerformanceMetricsBatch _rows = new();
    private PerformanceMetricsWriter? _writer;

    public string Name { get; } = name;

    public Task<long> LoadCheckpointAsync(CancellationToken cancellationToken) =>
        ProjectionCheckpoints.ReadAsync(dataSource, Name, cancellationToken);

    public async Task ApplyAsync(JournalBatch batch, CancellationToken cancellationToken)
    {
        _rows.Clear();
        foreach (ref readonly var record in batch.Records)
        {
            _rows.Saw(record.Position);
            if (record.Type == JournalRecordType.Decision) _builder.Add(_rows, in batch.Decision(in record), record.Position);
        }
        if (_rows.IsEmpty) return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        _writer ??= new PerformanceMetricsWriter(path ?? await SchemaPaths.ReadAsync(connection, cancellationToken).ConfigureAwait(false),
            _builder.InstrumentPnlMetrics);
        await _writer.WriteAsync(connection, Name, _rows, cancellationToken).ConfigureAwait(false);
    }
}
