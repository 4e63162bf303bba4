using Npgsql;
using TBot.Engine.Journal;

namespace TBot.Persistence.Postgres.Warm;

/// <summary>
/// Projects a journal's decisions (on demand: catch-up, <c>tbot db reproject</c>; the live form is
/// <see cref="WarmTablesLiveProjection"/> under the ProjectionRunner) into the warm tables (orders, trades, positions, bot_instances). Reads in
/// batches of <see cref="BatchRecords"/> journal records, and commits each batch's rows together with the
/// checkpoint (the batch's last position), so a crash at any point resumes exactly after the last commit.
/// </summary>
public sealed class WarmTableProjection
{
    public const string DefaultName = "warm_tables";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _journalDirectory;

    public WarmTableProjection(NpgsqlDataSource dataSource, string journalDirectory, int batchRecords = 8192, string name = DefaultName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchRecords, 1);
        _dataSource = dataSource;
        _journalDirectory = journalDirectory;
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
    /// clipped to the journal). Safe on a range already applied: rows end up as they were.</summary>
    public async Task<ProjectionResult> ApplyRangeAsync(long fromPosition, long toPosition, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromPosition, 1);
        using var reader = JournalReader.Open(_journalDirectory);
        var builder = new WarmRowBuilder(reader.Manifest);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        long first = 0, last = 0, records = 0, decisions = 0;
        var batches = 0;
        reader.SeekPosition(fromPosition);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = ReadBatch(reader, builder, toPosition);
            if (batch.IsEmpty) break;
            await WarmBatchWriter.WriteAsync(connection, Name, reader.Manifest.JournalId, batch, cancellationToken).ConfigureAwait(false);
            if (first == 0) first = batch.FirstPosition;
            last = batch.LastPosition;
            records += batch.Records;
            decisions += batch.Decisions;
            batches++;
            if (batch.Records < BatchRecords || last >= toPosition) break;
        }
        return new ProjectionResult(first, last, records, decisions, batches);
    }

    // Synchronous on purpose: a JournalRecord views the reader's buffer and must not live across an await.
    private WarmBatch ReadBatch(JournalReader reader, WarmRowBuilder builder, long toPosition)
    {
        var batch = new WarmBatch();
        builder.Start(batch);
        while (batch.Records < BatchRecords && reader.TryRead(out var record))
        {
            if (record.Position > toPosition) break;
            batch.Saw(record.Position);
            if (record.Type == JournalRecordType.Decision) builder.Add(batch, in record.Decision, record.Position);
        }
        return batch;
    }
}
