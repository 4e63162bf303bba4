using Npgsql;
using TBot.Engine.Journal;
using TBot.Persistence.Postgres.Warm;
using TBot.Persistence.Projections;

namespace TBot.Persistence.Postgres.History;

/// <summary>
/// The market_data projection as an <see cref="IProjection"/> for the ProjectionRunner over a live
/// <see cref="JournalTail"/>. Same rows, candles and checkpoint as <see cref="MarketDataProjection"/>; a batch the
/// runner retries is written again over itself (its range is deleted first).
/// </summary>
public sealed class MarketDataLiveProjection(NpgsqlDataSource dataSource, JournalManifest manifest, SchemaPath path,
    string name = MarketDataProjection.DefaultName) : IProjection
{
    private readonly MarketDataRowBuilder _builder = new(manifest);
    private readonly MarketDataBatchWriter _writer = new(path);
    private readonly MarketDataBatch _rows = new();

    public string Name { get; } = name;

    public Task<long> LoadCheckpointAsync(CancellationToken cancellationToken) =>
        ProjectionCheckpoints.ReadAsync(dataSource, Name, cancellationToken);

    public async Task ApplyAsync(JournalBatch batch, CancellationToken cancellationToken)
    {
        _rows.Clear();
        foreach (ref readonly var record in batch.Records)
        {
            _rows.Saw(record.Position);
            if (record.Type == JournalRecordType.Event && _builder.TryBuild(in batch.Event(in record), record.Position, out var row))
                _rows.Add(in row);
        }
        if (_rows.IsEmpty) return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await _writer.WriteAsync(connection, Name, _rows, cancellationToken).ConfigureAwait(false);
    }
}
