using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace TBot.Engine.Journal;

/// <summary>
/// A segment's <c>.idx</c> file: a 32-byte header, then <see cref="TimeIndexEntry"/> records (24 bytes each,
/// little-endian). Derived data: the writer rebuilds the last segment's index on open, and a reader that finds
/// an index missing or inconsistent scans the segment instead.
/// </summary>
internal static class TimeIndexFile
{
    /// <summary>Create (or replace) an index file holding <paramref name="entries"/>; returns it open for appending.</summary>
    public static SafeFileHandle Create(string path, long segment, ReadOnlySpan<TimeIndexEntry> entries, out long length)
    {
        var file = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            Span<byte> header = stackalloc byte[JournalFormat.IndexHeaderBytes];
            JournalFormat.WriteIndexHeader(header, segment);
            RandomAccess.Write(file, header, 0);
            length = header.Length;
            Append(file, ref length, entries);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public static void Append(SafeFileHandle file, ref long length, ReadOnlySpan<TimeIndexEntry> entries)
    {
        if (entries.IsEmpty) return;
        var bytes = MemoryMarshal.AsBytes(entries);
        RandomAccess.Write(file, bytes, length);
        length += bytes.Length;
    }

    /// <summary>
    /// Load the entries of a segment's index, or null when the file is missing or fails any consistency check
    /// (header, increasing positions and offsets, non-decreasing times, inside the segment). A partial last entry
    /// (torn write) is ignored.
    /// </summary>
    public static TimeIndexEntry[]? TryLoad(string path, long segment, long firstPosition, long segmentLength)
    {
        if (!File.Exists(path)) return null;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return null;
        }
        if (bytes.Length < JournalFormat.IndexHeaderBytes || !bytes.AsSpan().StartsWith(JournalFormat.IndexMagic)) return null;
        if (BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)) != JournalFormat.SchemaVersion) return null;
        if (BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12)) != JournalFormat.IndexEntryBytes) return null;
        if (BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(16)) != segment) return null;
        var count = (bytes.Length - JournalFormat.IndexHeaderBytes) / JournalFormat.IndexEntryBytes;
        var entries = MemoryMarshal.Cast<byte, TimeIndexEntry>(
            bytes.AsSpan(JournalFormat.IndexHeaderBytes, count * JournalFormat.IndexEntryBytes)).ToArray();
        var previous = new TimeIndexEntry(long.MinValue, firstPosition - 1, JournalFormat.SegmentHeaderBytes - 1);
        foreach (var e in entries)
        {
            if (e.Position <= previous.Position || e.Offset <= previous.Offset || e.MaxTimeNs < previous.MaxTimeNs) return null;
            if (e.Offset % 8 != 0 || e.Offset + JournalFormat.RecordHeaderBytes > segmentLength) return null;
            previous = e;
        }
        return entries;
    }
}
