using Npgsql;
using TBot.Engine.Journal;
using TBot.Persistence.Postgres.Instruments;

namespace TBot.Persistence.Postgres.Warm;

/// <summary>
/// Projects a journal's decisions (on demand: catch-up, <c>tbot db reproject</c>; the live form is
/// <see cref="WarmTablesLiveProjection"/> under the ProjectionRunner) into the warm tables (orders, trades, positions, bot_instances). Reads in
/// batches of <see cref="JournalRangeProjection.BatchRecords"/> journal records, and commits each batch's rows together with the
/// checkpoint (the batch's last position), so a crash at any point resumes exactly after the last commit.
/// A range already applied is safe: rows end up as they were. <see cref="ProjectionResult.DecisionsApplied"/>
/// counts the order decisions (those that make order, order_history or trade rows).
/// </summary>
public sealed class WarmTableProjection(NpgsqlDataSource dataSource, string journalDirectory, int batchRecords = 8192, string name = WarmTableProjection.DefaultName)
    : JournalRangeProjection(dataSource, journalDirectory, batchRecords, name)
{
    public const string DefaultName = "warm_tables";

    private protected override async ValueTask<RangeState> StartRangeAsync(JournalManifest manifest, NpgsqlConnection connection,
        CancellationToken cancellationToken) =>
        new WarmRange(manifest, await new InstrumentRegistry().ResolveAsync(connection, manifest, cancellationToken).ConfigureAwait(false));

    private sealed class WarmRange(JournalManifest manifest, InstrumentIdMap ids) : RangeState
    {
        private readonly WarmRowBuilder _builder = new(manifest, ids);
        private WarmBatch _batch = new();

        // Not empty without records on the range's first batch: it carries the bot definitions (strategies rows).
        public override bool IsEmpty => _batch.IsEmpty;

        public override void StartBatch()
        {
            _batch = new WarmBatch();
            _builder.Start(_batch);
        }

        public override void Add(in JournalRecord record)
        {
            _batch.Saw(record.Position);
            if (record.Type == JournalRecordType.Decision) _builder.Add(_batch, in record.Decision, record.Position);
        }

        public override async Task<long> WriteAsync(NpgsqlConnection connection, string projection, CancellationToken cancellationToken)
        {
            await WarmBatchWriter.WriteAsync(connection, projection, manifest.JournalId, _batch, cancellationToken).ConfigureAwait(false);
            return _batch.Decisions;
        }
    }
}
