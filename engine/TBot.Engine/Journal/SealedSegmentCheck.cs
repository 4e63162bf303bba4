namespace TBot.Engine.Journal;

/// <summary>How much of the sealed (non-last) segments <see cref="JournalWriter.Open"/> verifies.</summary>
public enum SealedSegmentCheck : byte
{
    /// <summary>Only the last segment is scanned (it is always scanned: that is tail recovery).</summary>
    None = 0,
    /// <summary>Every segment header: journal id, number, increasing first positions, no missing segment. Cheap.</summary>
    Headers = 1,
    /// <summary>Headers plus a CRC scan of every record of every sealed segment (reads the whole journal).</summary>
    Full = 2,
}
