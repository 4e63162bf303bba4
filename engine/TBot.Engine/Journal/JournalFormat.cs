using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using TBot.Engine.Events;

namespace TBot.Engine.Journal;

/// <summary>
/// Constants and byte layouts of the on-disk journal (see FORMAT.md next to this file). Everything is
/// little-endian; event and decision payloads are the in-memory layout of the structs for this schema version.
/// </summary>
public static class JournalFormat
{
    /// <summary>Bumped whenever a byte of the format (or of a journaled struct) changes meaning.</summary>
    public const int SchemaVersion = 1;

    public const string ManifestFileName = "manifest.json";
    /// <summary>Held open exclusively by the one writer of a journal directory.</summary>
    public const string LockFileName = "writer.lock";
    public const string SegmentExtension = ".tbj";
    public const string IndexExtension = ".idx";

    public const int SegmentHeaderBytes = 64;
    public const int RecordHeaderBytes = 32;
    public const int IndexHeaderBytes = 32;
    public const int IndexEntryBytes = 24;

    /// <summary>Largest payload a record may carry (notes); anything longer in a length field is corruption.</summary>
    public const int MaxPayloadBytes = 256 << 10;

    /// <summary>Largest record on disk: header plus the largest padded payload.</summary>
    public const int MaxRecordBytes = RecordHeaderBytes + MaxPayloadBytes;

    /// <summary>Raw <see cref="MarketEvent"/> bytes (checked against the struct at start-up: a layout change
    /// must come with a new <see cref="SchemaVersion"/>).</summary>
    public const int EventPayloadBytes = 144;

    /// <summary>Raw <see cref="DecisionRecord"/> bytes.</summary>
    public const int DecisionPayloadBytes = 96;

    internal static ReadOnlySpan<byte> SegmentMagic => "TBOTJSEG"u8;
    internal static ReadOnlySpan<byte> IndexMagic => "TBOTJIDX"u8;

    // Record header field offsets.
    internal const int LengthOffset = 0;
    internal const int CrcOffset = 4;
    internal const int TypeOffset = 8;
    internal const int PositionOffset = 16;
    internal const int TimeOffset = 24;
    /// <summary>The CRC covers the record from here to the end of its padded payload.</summary>
    internal const int CrcStart = 8;

    // Segment header field offsets.
    internal const int SegVersionOffset = 8;
    internal const int SegHeaderSizeOffset = 12;
    internal const int SegJournalIdOffset = 16;
    internal const int SegNumberOffset = 24;
    internal const int SegFirstPositionOffset = 32;
    internal const int SegCrcOffset = 56;

    /// <summary>Throws on a big-endian host, or when a journaled struct no longer has the size this schema
    /// version records (someone changed <see cref="MarketEvent"/> or <see cref="DecisionRecord"/>).</summary>
    internal static void EnsureSupported()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("The journal format is little-endian.");
        if (Unsafe.SizeOf<MarketEvent>() != EventPayloadBytes || Unsafe.SizeOf<DecisionRecord>() != DecisionPayloadBytes)
            throw new InvalidOperationException(
                $"MarketEvent is {Unsafe.SizeOf<MarketEvent>()} bytes and DecisionRecord {Unsafe.SizeOf<DecisionRecord>()}; journal schema " +
                $"{SchemaVersion} records {EventPayloadBytes} and {DecisionPayloadBytes}: bump the schema version with the layout change.");
    }

    /// <summary>"seg-000000000001.tbj".</summary>
    public static string SegmentFileName(long segment) =>
        "seg-" + segment.ToString("D12", CultureInfo.InvariantCulture) + SegmentExtension;

    /// <summary>"seg-000000000001.idx".</summary>
    public static string IndexFileName(long segment) =>
        "seg-" + segment.ToString("D12", CultureInfo.InvariantCulture) + IndexExtension;

    public static bool TryParseSegmentFileName(string fileName, out long segment)
    {
        segment = 0;
        if (fileName.Length != 20 || !fileName.StartsWith("seg-", StringComparison.Ordinal) ||
            !fileName.EndsWith(SegmentExtension, StringComparison.Ordinal)) return false;
        return long.TryParse(fileName.AsSpan(4, 12), NumberStyles.None, CultureInfo.InvariantCulture, out segment) && segment > 0;
    }

    /// <summary>Payloads are zero-padded to 8 bytes so every record starts 8-aligned.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PaddedLength(int payloadLength) => (payloadLength + 7) & ~7;

    /// <summary>Whether a payload length is legal for a record type (events and decisions have fixed sizes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsValidLength(JournalRecordType type, uint length) => type switch
    {
        JournalRecordType.Event => length == EventPayloadBytes,
        JournalRecordType.Decision => length == DecisionPayloadBytes,
        JournalRecordType.Note => length <= MaxPayloadBytes,
        _ => false,
    };

    /// <summary>Write the header fields of a record (the CRC is filled by <see cref="SealRecord"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void WriteRecordHeader(ref byte record, JournalRecordType type, int payloadLength, long position, long timeNs)
    {
        Unsafe.WriteUnaligned(ref record, (uint)payloadLength);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref record, TypeOffset), (ulong)type); // type byte + 7 zero bytes
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref record, PositionOffset), position);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref record, TimeOffset), timeNs);
    }

    /// <summary>Compute and store the CRC of a complete record (header and padded payload).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SealRecord(Span<byte> record)
    {
        var crc = Crc32C.Compute(record[CrcStart..]);
        BinaryPrimitives.WriteUInt32LittleEndian(record[CrcOffset..], crc);
    }

    /// <summary>Build a segment header.</summary>
    internal static void WriteSegmentHeader(Span<byte> header, string journalId, long segment, long firstPosition)
    {
        header[..SegmentHeaderBytes].Clear();
        SegmentMagic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[SegVersionOffset..], SchemaVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header[SegHeaderSizeOffset..], SegmentHeaderBytes);
        WriteJournalId(header.Slice(SegJournalIdOffset, 8), journalId);
        BinaryPrimitives.WriteInt64LittleEndian(header[SegNumberOffset..], segment);
        BinaryPrimitives.WriteInt64LittleEndian(header[SegFirstPositionOffset..], firstPosition);
        BinaryPrimitives.WriteUInt32LittleEndian(header[SegCrcOffset..], Crc32C.Compute(header[..SegCrcOffset]));
    }

    /// <summary>Build an index file header.</summary>
    internal static void WriteIndexHeader(Span<byte> header, long segment)
    {
        header[..IndexHeaderBytes].Clear();
        IndexMagic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], SchemaVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], IndexEntryBytes);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], segment);
    }

    internal static void WriteJournalId(Span<byte> destination, string journalId)
    {
        destination[..8].Clear();
        for (var i = 0; i < journalId.Length && i < 8; i++) destination[i] = (byte)journalId[i];
    }
}
