using Npgsql;
using TBot.Engine.Journal;
using TBot.Persistence.Postgres.Instruments;
using TBot.Persistence.Postgres.Warm;
using TBot.Persistence.Projections;

namespace TBot.Persistence.Postgres.History;

/// <summary>
/// The market_data projection as an <see cref="IProjection"/> for the ProjectionRunner over a live
/// <see cref="JournalTail"/>. Same rows, candles and checkpoint as <see cref="MarketDataProjection"/>; a batch the
/// runner retries is written again over itself (its range is deleted first). The journal's instruments are mapped to
/// database ids (<see cref="InstrumentRegistry"/>) on the first batch, when the database is known to be up.
/// </summary>
public sealed class MarketDataLiveProjection(NpgsqlDataSource dataSource, JournalManifest manifest, SchemaPath path,
    string name = MarketDataProjection.DefaultName) : IProjection
{
    private MarketDataRowBuilder? _builder;
    private readonly MarketDataBatchWriter _writer = new(path);
    private readonly MarketDataBatch _rows = new();

    public string Name { get; } = name;

    public Task<long> LoadCheckpointAsync(CancellationToken cancellationToken) =>
        ProjectionCheckpoints.ReadAsync(dataSource, Name, cancellationToken);

    public async Task ApplyAsync(JournalBatch batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        _builder ??= new MarketDataRowBuilder(manifest,
            await new InstrumentRegistry().ResolveAsync(connection, manifest, cancellationToken).ConfigureAwait(false));
        _rows.Clear();
        foreach (ref readonly var record in batch.Records)
        {
            _rows.Saw(record.Position);
            if (record.Type == JournalRecordType.Event && _builder.TryBuild(in batch.Event(in record), record.Position, out var row))
                _rows.Add(in row);
        }
        if (_rows.IsEmpty) return;
        await _writer.WriteAsync(connection, Name, _rows, cancellationToken).ConfigureAwait(false);
    }
}
