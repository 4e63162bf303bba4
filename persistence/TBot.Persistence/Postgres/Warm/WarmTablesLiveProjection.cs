using Npgsql;
using TBot.Engine.Journal;
using TBot.Persistence.Projections;

namespace TBot.Persistence.Postgres.Warm;

/// <summary>
/// The warm-table projection as an <see cref="IProjection"/>, so the ProjectionRunner can drive it from a live
/// <see cref="JournalTail"/> with its retry and lag accounting. Same rows and checkpoint as
/// <see cref="WarmTableProjection"/>; a batch the runner retries is simply written again (idempotent).
/// </summary>
public sealed class WarmTablesLiveProjection(NpgsqlDataSource dataSource, JournalManifest manifest, string name = WarmTableProjection.DefaultName)
    : IProjection
{
    private readonly WarmRowBuilder _builder = new(manifest);

    public string Name { get; } = name;

    public Task<long> LoadCheckpointAsync(CancellationToken cancellationToken) =>
        ProjectionCheckpoints.ReadAsync(dataSource, Name, cancellationToken);

    public async Task ApplyAsync(JournalBatch batch, CancellationToken cancellationToken)
    {
        var rows = new WarmBatch();
        _builder.Start(rows);
        foreach (ref readonly var record in batch.Records)
        {
            rows.Saw(record.Position);
            if (record.Type == JournalRecordType.Decision) _builder.Add(rows, in batch.Decision(in record), record.Position);
        }
        if (rows.IsEmpty) return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await WarmBatchWriter.WriteAsync(connection, Name, manifest.JournalId, rows, cancellationToken).ConfigureAwait(false);
    }
}
