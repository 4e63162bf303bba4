using Npgsql;
using TBot.Engine.Journal;
using TBot.Persistence.Postgres.Warm;

namespace TBot.Persistence.Postgres.History;

/// <summary>
/// Projects a journal's decisions into <c>performance_metrics</c> (per bot and engine-time minute, see
/// <see cref="PerformanceMetricNames"/>) on demand: catch-up and <c>tbot db reproject</c>. The live form is
/// <see cref="PerformanceMetricsLiveProjection"/>. Each batch commits with its checkpoint; re-applied decisions
/// are not counted twice (<see cref="PerformanceMetricsWriter"/> says how). <see cref="ProjectionResult.DecisionsApplied"/>
/// counts the decisions that added to a metric: 0 for a range at or before the checkpoint.
/// </summary>
/// <param name="path">The database's history layout; read from <c>schema_migrations</c> when null.</param>
public sealed class PerformanceMetricsProjection(NpgsqlDataSource dataSource, string journalDirectory, int batchRecords = 8192,
    string name = PerformanceMetricsProjection.DefaultName, SchemaPath? path = null)
    : JournalRangeProjection(dataSource, journalDirectory, batchRecords, name)
{
    public const string DefaultName = "performance_metrics";

    private protected override async ValueTask<RangeState> StartRangeAsync(JournalManifest manifest, NpgsqlConnection connection,
        CancellationToken cancellationToken)
    {
        var builder = new PerformanceMetricsBuilder(manifest);
        var layout = path ?? await SchemaPaths.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        return new MetricsRange(builder, new PerformanceMetricsWriter(layout, builder.InstrumentPnlMetrics));
    }

    private sealed class MetricsRange(PerformanceMetricsBuilder builder, PerformanceMetricsWriter writer) : RangeState
    {
        private readonly PerformanceMetricsBatch _batch = new();

        public override bool IsEmpty => _batch.IsEmpty;

        public override void StartBatch() => _batch.Clear();

        public override void Add(in JournalRecord record)
        {
            _batch.Saw(record.Position);
            if (record.Type == JournalRecordType.Decision) builder.Add(_batch, in record.Decision, record.Position);
        }

        public override async Task<long> WriteAsync(NpgsqlConnection connection, string projection, CancellationToken cancellationToken) =>
            await writer.WriteAsync(connection, projection, _batch, cancellationToken).ConfigureAwait(false);
    }
}
