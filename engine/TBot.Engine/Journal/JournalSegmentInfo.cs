namespace TBot.Engine.Journal;

/// <summary>A segment as the reader found it at open: its number, first record position and file length.</summary>
public readonly record struct JournalSegmentInfo(long Number, long FirstPosition, long Length);
