namespace TBot.Engine.Journal;

/// <summary>Settings of a <see cref="JournalWriter"/>.</summary>
public sealed class JournalOptions
{
    public const long DefaultSegmentBytes = 64L << 20;

    /// <summary>The journal directory (created when missing).</summary>
    public required string Directory { get; init; }

    /// <summary>A segment is sealed and the next one started when a record would take it past this size
    /// (a segment always takes at least one record).</summary>
    public long SegmentBytes { get; init; } = DefaultSegmentBytes;

    /// <summary>The append buffer; a full buffer is written to the OS at once. At least <see cref="JournalFormat.MaxRecordBytes"/>.</summary>
    public int BufferBytes { get; init; } = 1 << 20;

    public FlushPolicy FlushPolicy { get; init; } = FlushPolicy.PerBatch;

    public int FlushIntervalMs { get; init; } = 5;

    public FsyncPolicy FsyncPolicy { get; init; } = FsyncPolicy.IntervalMs;

    /// <summary>Period of the background fsync under <see cref="FsyncPolicy.IntervalMs"/> (0 is taken as 1 ms).</summary>
    public int FsyncIntervalMs { get; init; } = 100;

    /// <summary>A time index entry every this many records (and for the first record of every segment).</summary>
    public int IndexEveryRecords { get; init; } = 4096;

    /// <summary>Also an index entry whenever engine time advanced this much since the last entry (0 = off).</summary>
    public long IndexIntervalNs { get; init; } = 1_000_000_000;

    public SealedSegmentCheck SealedSegmentCheck { get; init; } = SealedSegmentCheck.Headers;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory)) throw new ArgumentException("A journal directory is required.", nameof(Directory));
        if (SegmentBytes < 4096) throw new ArgumentOutOfRangeException(nameof(SegmentBytes), SegmentBytes, "At least 4096 bytes.");
        if (BufferBytes < JournalFormat.MaxRecordBytes)
            throw new ArgumentOutOfRangeException(nameof(BufferBytes), BufferBytes, $"At least {JournalFormat.MaxRecordBytes} bytes (one maximal record).");
        if (FlushIntervalMs < 0) throw new ArgumentOutOfRangeException(nameof(FlushIntervalMs));
        if (FsyncIntervalMs < 0) throw new ArgumentOutOfRangeException(nameof(FsyncIntervalMs));
        if (IndexEveryRecords < 1) throw new ArgumentOutOfRangeException(nameof(IndexEveryRecords));
        if (IndexIntervalNs < 0) throw new ArgumentOutOfRangeException(nameof(IndexIntervalNs));
    }
}
