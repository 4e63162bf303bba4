using Npgsql;
using TBot.Engine.Journal;
using TBot.Persistence.Postgres.Warm;

namespace TBot.Persistence.Postgres;

/// <summary>
/// The on-demand form of a PostgreSQL projection (catch-up, <c>tbot db reproject</c>): reads a journal range in
/// batches of <see cref="BatchRecords"/> records over one connection, and has each batch written together with
/// the checkpoint (the batch's last position), so a crash at any point resumes right after the last commit.
/// A projection supplies only what is its own: the per-range state it builds rows with and writes them through
/// (<see cref="StartRangeAsync"/>, <see cref="RangeState"/>). Derived only inside this assembly.
/// </summary>
public abstract class JournalRangeProjection
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _journalDirectory;

    private protected JournalRangeProjection(NpgsqlDataSource dataSource, string journalDirectory, int batchRecords, string name)
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
    /// clipped to the journal). Safe on a range already applied. What <see cref="ProjectionResult.DecisionsApplied"/>
    /// counts is the projection's own (see its summary).</summary>
    public async Task<ProjectionResult> ApplyRangeAsync(long fromPosition, long toPosition, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromPosition, 1);
        using var reader = JournalReader.Open(_journalDirectory);
        // One connection for the whole range (the TimescaleDB stand-in allows only one).
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var range = await StartRangeAsync(reader.Manifest, connection, cancellationToken).ConfigureAwait(false);
        long first = 0, last = 0, records = 0, applied = 0;
        var batches = 0;
        reader.SeekPosition(fromPosition);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = ReadBatch(reader, range, toPosition);
            if (range.IsEmpty) break;
            applied += await range.WriteAsync(connection, Name, cancellationToken).ConfigureAwait(false);
            if (first == 0) first = read.FirstPosition;
            last = read.LastPosition;
            records += read.Records;
            batches++;
            if (read.Records < BatchRecords || last >= toPosition) break;
        }
        return new ProjectionResult(first, last, records, applied, batches);
    }

    /// <summary>The state one range is projected with (row builder, writer, reused batch), made once the reader and
    /// the connection are open: the manifest names the instruments, the connection can tell the schema layout.</summary>
    private protected abstract ValueTask<RangeState> StartRangeAsync(JournalManifest manifest, NpgsqlConnection connection,
        CancellationToken cancellationToken);

    // Synchronous on purpose: a JournalRecord views the reader's buffer and must not live across an await.
    private (long FirstPosition, long LastPosition, long Records) ReadBatch(JournalReader reader, RangeState range, long toPosition)
    {
        range.StartBatch();
        long first = 0, last = 0, records = 0;
        while (records < BatchRecords && reader.TryRead(out var record))
        {
            if (record.Position > toPosition) break;
            range.Add(in record);
            if (records++ == 0) first = record.Position;
            last = record.Position;
        }
        return (first, last, records);
    }

    /// <summary>One projection's builder, writer and current batch for the length of one range.</summary>
    private protected abstract class RangeState
    {
        /// <summary>Begin an empty batch.</summary>
        public abstract void StartBatch();

        /// <summary>Take one journal record into the batch (every record counts towards its checkpoint, whether it makes a row or not).</summary>
        public abstract void Add(in JournalRecord record);

        /// <summary>Nothing to write: the batch has neither records nor rows (a batch may carry rows without records,
        /// such as the manifest's bot definitions on a range's first warm-table batch).</summary>
        public abstract bool IsEmpty { get; }

        /// <summary>Write the batch and its checkpoint in one transaction; returns what the projection counts as
        /// <see cref="ProjectionResult.DecisionsApplied"/>.</summary>
        public abstract Task<long> WriteAsync(NpgsqlConnection connection, string projection, CancellationToken cancellationToken);
    }
}
