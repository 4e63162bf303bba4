namespace TBot.Engine.Journal;

/// <summary>When the journal hands buffered records to the OS (a full buffer is always written at once).</summary>
public enum FlushPolicy : byte
{
    /// <summary>At the end of every ring batch: lowest latency to <see cref="JournalHandler.Committed"/>.</summary>
    PerBatch = 0,
    /// <summary>At a batch end once <see cref="JournalOptions.FlushIntervalMs"/> have passed since the last
    /// flush, or at once when the batch carried an order decision (an order never waits for the interval).</summary>
    IntervalMs = 1,
}
