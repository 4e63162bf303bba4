namespace TBot.Persistence.Projections;

/// <summary>How a <see cref="JournalTail"/> reads and waits.</summary>
public sealed class JournalTailOptions
{
    /// <summary>Most records per batch: bounds a store transaction's size and the batch's memory.</summary>
    public int BatchSize { get; init; } = 4096;

    /// <summary>Wait between looks at the live end. The journal flushes per ring batch, so a few ms keeps
    /// projections close behind without spinning.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Reader chunk size: smaller than the journal default because a tail mostly reads a few KiB at a time.</summary>
    public int ReaderBufferBytes { get; init; } = 1 << 20;
}
