using TBot.Engine.Journal;

namespace TBot.Persistence.Projections;

/// <summary>Journal positions the store commands need: the end (to measure lag) and the first record at a time
/// (for <c>tbot db reproject --from TIME</c>).</summary>
public static class JournalPositions
{
    /// <summary>Position of the journal's last readable record (0 for an empty journal). Reads only the last segment.</summary>
    public static long Last(string directory)
    {
        using var reader = JournalReader.Open(directory);
        if (reader.Segments.Count == 0) return 0;
        reader.SeekPosition(reader.Segments[^1].FirstPosition);
        var last = reader.Segments[^1].FirstPosition - 1;
        while (reader.TryRead(out var record)) last = record.Position;
        return last;
    }

    /// <summary>Position of the first record whose time is at or after <paramref name="timeNs"/>; null when none is.</summary>
    public static long? AtOrAfter(string directory, long timeNs)
    {
        using var reader = JournalReader.Open(directory);
        if (!reader.SeekTime(timeNs) || !reader.TryRead(out var record)) return null;
        return record.Position;
    }
}
