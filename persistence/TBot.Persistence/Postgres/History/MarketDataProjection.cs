using Npgsql;
using TBot.Engine.Journal;
using TBot.Persistence.Postgres.Warm;

namespace TBot.Persistence.Postgres.History;

/// <summary>
/// Projects a journal's market events into <c>market_data</c> (and, natively, the candle rollups) on demand:
/// catch-up and <c>tbot db reproject</c>. The live form is <see cref="MarketDataLiveProjection"/>. Reads batches
/// of <see cref="BatchRecords"/> journal records and commits each batch's rows with the checkpoint (its last
/// position), so a crash resumes right after the last commit and a repeated range rewrites the same rows.
/// </summary>
public sealed class MarketDataProjection
{
    public const string DefaultName = "market_data";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _journalDirectory;
    private readonly SchemaPath? _path;

    /// <param name="path">The database's history layout; read from <c>schema_migrations</c> when null.</param>
    public MarketDataProjection(NpgsqlDataSource dataSource, string journalDirectory, int batchRecords = 8192, string name = DefaultName,
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

    /// <summary>The last journal position this projection committed (0 when it never ran).</summary>
    public Task<long> ReadCheckpointAsync(CancellationToken cancellationToken = default) =>
        ProjectionCheckpoints.ReadAsync(_dataSource, Name, cancellationToken);

    /// <summary>Apply everything after the checkpoint up to the journal's current end.</summary>
    public async Task<ProjectionResult> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        var checkpoint = await ReadCheckpointAsync(cancellationToken).ConfigureAwait(false);
        return await ApplyRangeAsync(checkpoint + 1, long.MaxValue, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Apply journal positions <paramref name="fromPosition"/>..<paramref name="toPosition"/> (inclusive,
    /// clipped to the journal). Safe on a range already applied: the range's rows are replaced by equal ones.
    /// <see cref="ProjectionResult.DecisionsApplied"/> counts the market_data rows written.</summary>
    public async Task<ProjectionResult> ApplyRangeAsync(long fromPosition, long toPosition, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromPosition, 1);
        using var reader = JournalReader.Open(_journalDirectory);
        var builder = new MarketDataRowBuilder(reader.Manifest);
        // One connection for the whole range (the TimescaleDB stand-in allows only one).
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var writer = new MarketDataBatchWriter(_path ?? await SchemaPaths.ReadAsync(connection, cancellationToken).ConfigureAwait(false));
        var batch = new MarketDataBatch();
        long first = 0, last = 0, records = 0, rows = 0;
        var batches = 0;
        reader.SeekPosition(fromPosition);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch.Clear();
            ReadBatch(reader, builder, batch, toPosition);
            if (batch.IsEmpty) break;
            await writer.WriteAsync(connection, Name, batch, cancellationToken).ConfigureAwait(false);
            if (first == 0) first = batch.FirstPosition;
            last = batch.LastPosition;
            records += batch.Records;
            rows += batch.Rows.Count;
            batches++;
            if (batch.Records < BatchRecords || last >= toPosition) break;
        }
        return new ProjectionResult(first, last, records, rows, batches);
    }

    // Synchronous on purpose: a JournalRecord views the reader's buffer and must not live across an await.
    private void ReadBatch(JournalReader reader, MarketDataRowBuilder builder, MarketDataBatch batch, long toPosition)
    {
        while (batch.Records < BatchRecords && reader.TryRead(out var record))
        {
            if (record.Position > toPosition) break;
            batch.Saw(record.Position);
            if (record.Type == JournalRecordType.Event && builder.TryBuild(in record.Event, record.Position, out var row)) batch.Add(in row);
        }
    }
}
