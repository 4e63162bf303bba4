using Npgsql;
using TBot.Engine.Journal;
using TBot.Persistence.Postgres.Instruments;
using TBot.Persistence.Postgres.Warm;

namespace TBot.Persistence.Postgres.History;

/// <summary>
/// Projects a journal's market events into <c>market_data</c> (and, natively, the candle rollups) on demand:
/// catch-up and <c>tbot db reproject</c>. The live form is <see cref="MarketDataLiveProjection"/>. Reads batches
/// of <see cref="JournalRangeProjection.BatchRecords"/> journal records and commits each batch's rows with the checkpoint (its last
/// position), so a crash resumes right after the last commit and a repeated range rewrites the same rows (the
/// range's rows are replaced by equal ones). <see cref="ProjectionResult.DecisionsApplied"/> counts the
/// market_data rows written.
/// </summary>
/// <param name="path">The database's history layout; read from <c>schema_migrations</c> when null.</param>
public sealed class MarketDataProjection(NpgsqlDataSource dataSource, string journalDirectory, int batchRecords = 8192,
    string name = MarketDataProjection.DefaultName, SchemaPath? path = null)
    : JournalRangeProjection(dataSource, journalDirectory, batchRecords, name)
{
    public const string DefaultName = "market_data";

    private protected override async ValueTask<RangeState> StartRangeAsync(JournalManifest manifest, NpgsqlConnection connection,
        CancellationToken cancellationToken) =>
        new MarketDataRange(new MarketDataRowBuilder(manifest,
                await new InstrumentRegistry().ResolveAsync(connection, manifest, cancellationToken).ConfigureAwait(false)),
            new MarketDataBatchWriter(path ?? await SchemaPaths.ReadAsync(connection, cancellationToken).ConfigureAwait(false)));

    private sealed class MarketDataRange(MarketDataRowBuilder builder, MarketDataBatchWriter writer) : RangeState
    {
        private readonly MarketDataBatch _batch = new();

        public override bool IsEmpty => _batch.IsEmpty;

        public override void StartBatch() => _batch.Clear();

        public override void Add(in JournalRecord record)
        {
            _batch.Saw(record.Position);
            if (record.Type == JournalRecordType.Event && builder.TryBuild(in record.Event, record.Position, out var row)) _batch.Add(in row);
        }

        public override async Task<long> WriteAsync(NpgsqlConnection connection, string projection, CancellationToken cancellationToken)
        {
            await writer.WriteAsync(connection, projection, _batch, cancellationToken).ConfigureAwait(false);
            return _batch.Rows.Count;
        }
    }
}
