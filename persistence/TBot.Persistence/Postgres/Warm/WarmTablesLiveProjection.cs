using Npgsql;
using TBot.Engine.Journal;
using TBot.Persistence.Postgres.Instruments;
using TBot.Persistence.Projections;

namespace TBot.Persistence.Postgres.Warm;

/// <summary>
/// The warm-table projection as an <see cref="IProjection"/>, so the ProjectionRunner can drive it from a live
/// <see cref="JournalTail"/> with its retry and lag accounting. Same rows and checkpoint as
/// <see cref="WarmTableProjection"/>; a batch the runner retries is simply written again (idempotent). Instrument ids
/// are mapped to the database's (<see cref="InstrumentRegistry"/>) on the first batch.
/// </summary>
public sealed class WarmTablesLiveProjection(NpgsqlDataSource dataSource, JournalManifest manifest, string name = WarmTableProjection.DefaultName)
    : IProjection
{
    private WarmRowBuilder? _builder;

    public string Name { get; } = name;

    public Task<long> LoadCheckpointAsync(CancellationToken cancellationToken) =>
        ProjectionCheckpoints.ReadAsync(dataSource, Name, cancellationToken);

    public async Task ApplyAsync(JournalBatch batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        _builder ??= new WarmRowBuilder(manifest,
            await new InstrumentRegistry().ResolveAsync(connection, manifest, cancellationToken).ConfigureAwait(false));
        var rows = new WarmBatch();
        _builder.Start(rows);
        foreach (ref readonly var record in batch.Records)
        {
            rows.Saw(record.Position);
            if (record.Type == JournalRecordType.Decision) _builder.Add(rows, in batch.Decision(in record), record.Position);
        }
        if (rows.IsEmpty) return;
        await WarmBatchWriter.WriteAsync(connection, Name, manifest.JournalId, rows, cancellationToken).ConfigureAwait(false);
    }
}
