namespace TBot.Engine.Journal;

/// <summary>One segment in a <see cref="JournalSummary"/>: records read back, their positions and times, file size.</summary>
public sealed record JournalSegmentSummary(
    long Number,
    long FirstPosition,
    long LastPosition,
    long Records,
    long Bytes,
    long FirstTimeNs,
    long LastTimeNs);
