using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace TBot.Engine.Journal;

/// <summary>
/// Reads one segment file front to back in large chunks and validates every record (length, bounds, CRC,
/// type, position). Stops at the end of the file or at the first damaged record, which it classifies.
/// Shared by the reader and by the writer's tail recovery. Nothing is allocated per record.
/// </summary>
internal sealed class SegmentCursor : IDisposable
{
    private readonly byte[] _buffer;
    private SafeFileHandle? _file;
    private long _bufferOffset; // file offset of _buffer[0]
    private int _next;          // buffer index of the next unread record
    private int _end;           // valid bytes in the buffer

    public SegmentCursor(byte[] buffer)
    {
        if (buffer.Length < JournalFormat.MaxRecordBytes) throw new ArgumentException("Buffer smaller than one maximal record.", nameof(buffer));
        _buffer = buffer;
    }

    public bool VerifyChecksums { get; set; } = true;

    public long Segment { get; private set; }

    public long FileLength { get; private set; }

    /// <summary>Position of the segment's first record (from its header).</summary>
    public long FirstPosition { get; private set; }

    /// <summary>The position the next record must have.</summary>
    public long NextPosition { get; private set; }

    /// <summary>File offset of the next unread record: after a clean end or damage, the end of the last good record.</summary>
    public long Offset => _bufferOffset + _next;

    /// <summary>Why the scan stopped early (None while reading, or at a clean end).</summary>
    public JournalDamage Damage { get; private set; }

    // The record returned by the last successful TryNext.
    public int RecordStart { get; private set; }
    public JournalRecordType Type { get; private set; }
    public int PayloadLength { get; private set; }
    public long Position { get; private set; }
    public long TimeNs { get; private set; }
    public long RecordOffset => _bufferOffset + RecordStart;

    public byte[] Buffer => _buffer;

    public bool IsOpen => _file is not null;

    /// <summary>Open a segment and check its header. Returns the header damage (None when it is good); on damage
    /// the cursor stays open at offset 0 so the caller may inspect or repair the file.</summary>
    public JournalDamage Open(string path, long segment, string journalId)
    {
        Close();
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Segment = segment;
        FileLength = RandomAccess.GetLength(_file);
        _bufferOffset = 0;
        _next = 0;
        _end = 0;
        Damage = JournalDamage.None;
        var header = _buffer.AsSpan(0, JournalFormat.SegmentHeaderBytes);
        var n = FileLength < header.Length ? (int)FileLength : header.Length;
        ReadExactly(header[..n], 0);
        var damage = CheckHeader(header[..n], segment, journalId, out var firstPosition);
        if (damage != JournalDamage.None)
        {
            Damage = damage;
            return damage;
        }
        FirstPosition = firstPosition;
        Seek(JournalFormat.SegmentHeaderBytes, firstPosition);
        return JournalDamage.None;
    }

    /// <summary>Continue from a record boundary (an index entry, or a record returned earlier).</summary>
    public void Seek(long offset, long position)
    {
        _bufferOffset = offset;
        _next = 0;
        _end = 0;
        NextPosition = position;
        Damage = JournalDamage.None;
    }

    /// <summary>Step back to the record the last TryNext returned (it is still in the buffer).</summary>
    public void Rewind()
    {
        _next = RecordStart;
        NextPosition = Position;
    }

    /// <summary>The next valid record, or false at the end of the file or at damage (see <see cref="Damage"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext()
    {
        var available = _end - _next;
        if (available >= JournalFormat.RecordHeaderBytes)
        {
            ref var record = ref _buffer[_next];
            var length = Unsafe.ReadUnaligned<uint>(ref record);
            if (length <= JournalFormat.MaxPayloadBytes)
            {
                var recordLength = JournalFormat.RecordHeaderBytes + JournalFormat.PaddedLength((int)length);
                if (available >= recordLength && IsValid(ref record, length, recordLength))
                {
                    RecordStart = _next;
                    Type = (JournalRecordType)Unsafe.Add(ref record, JournalFormat.TypeOffset);
                    PayloadLength = (int)length;
                    Position = NextPosition;
                    TimeNs = Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref record, JournalFormat.TimeOffset));
                    _next += recordLength;
                    NextPosition++;
                    return true;
                }
            }
        }
        return TryNextSlow();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsValid(ref byte record, uint length, int recordLength)
    {
        var type = (JournalRecordType)Unsafe.Add(ref record, JournalFormat.TypeOffset);
        if (!JournalFormat.IsValidLength(type, length)) return false;
        if (Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref record, JournalFormat.PositionOffset)) != NextPosition) return false;
        if (!VerifyChecksums) return true;
        var crc = Crc32C.Compute(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref record, JournalFormat.CrcStart), recordLength - JournalFormat.CrcStart));
        return crc == Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref record, JournalFormat.CrcOffset));
    }

    /// <summary>Refill the buffer and retry, or classify why the record at <see cref="Offset"/> is not readable.</summary>
    private bool TryNextSlow()
    {
        if (Damage != JournalDamage.None || _file is null) return false;
        while (true)
        {
            var available = _end - _next;
            var remainingInFile = FileLength - Offset;
            if (available >= JournalFormat.RecordHeaderBytes)
            {
                var header = _buffer.AsSpan(_next);
                var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
                if (length > JournalFormat.MaxPayloadBytes) return Fail(JournalDamage.BadLength);
                var recordLength = JournalFormat.RecordHeaderBytes + JournalFormat.PaddedLength((int)length);
                if (recordLength > remainingInFile) return Fail(JournalDamage.TruncatedPayload);
                if (available >= recordLength) return Classify(recordLength);
            }
            else if (available >= remainingInFile)
            {
                // Everything left in the file is in the buffer and it is less than a header.
                return remainingInFile == 0 ? false : Fail(JournalDamage.TruncatedHeader);
            }
            Fill();
        }
    }

    /// <summary>The whole record is in the buffer but the fast path refused it: say why.</summary>
    private bool Classify(int recordLength)
    {
        ref var record = ref _buffer[_next];
        var length = Unsafe.ReadUnaligned<uint>(ref record);
        if (VerifyChecksums)
        {
            var crc = Crc32C.Compute(_buffer.AsSpan(_next + JournalFormat.CrcStart, recordLength - JournalFormat.CrcStart));
            if (crc != Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref record, JournalFormat.CrcOffset))) return Fail(JournalDamage.ChecksumMismatch);
        }
        var type = (JournalRecordType)Unsafe.Add(ref record, JournalFormat.TypeOffset);
        if (type is not (JournalRecordType.Event or JournalRecordType.Decision or JournalRecordType.Note)) return Fail(JournalDamage.BadType);
        if (!JournalFormat.IsValidLength(type, length)) return Fail(JournalDamage.BadLength);
        if (Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref record, JournalFormat.PositionOffset)) != NextPosition) return Fail(JournalDamage.PositionGap);
        // The fast path and this one agree on every check, so this is only reached on a refill boundary.
        return TryNext();
    }

    /// <summary>Record the damage at <see cref="Offset"/>; zero bytes all the way to the end win over the specific reason.</summary>
    private bool Fail(JournalDamage damage)
    {
        Damage = IsZeroFrom(Offset) ? JournalDamage.ZeroFilled : damage;
        return false;
    }

    /// <summary>Move the unread bytes to the front of the buffer and read as much of the file as fits after them.</summary>
    private void Fill()
    {
        var keep = _end - _next;
        if (_next > 0)
        {
            System.Buffer.BlockCopy(_buffer, _next, _buffer, 0, keep);
            _bufferOffset += _next;
            _next = 0;
            _end = keep;
        }
        var room = _buffer.Length - _end;
        var left = FileLength - (_bufferOffset + _end);
        var want = left < room ? (int)left : room;
        if (want > 0) _end += ReadExactly(_buffer.AsSpan(_end, want), _bufferOffset + _end);
    }

    private int ReadExactly(Span<byte> destination, long offset)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var n = RandomAccess.Read(_file!, destination[total..], offset + total);
            if (n == 0) break; // the file shrank under us: what was read is what there is
            total += n;
        }
        if (total < destination.Length) FileLength = offset + total;
        return total;
    }

    private bool IsZeroFrom(long offset)
    {
        Span<byte> chunk = stackalloc byte[4096];
        while (offset < FileLength)
        {
            var n = RandomAccess.Read(_file!, chunk, offset);
            if (n == 0) break;
            if (chunk[..n].ContainsAnyExcept((byte)0)) return false;
            offset += n;
        }
        return true;
    }

    private JournalDamage CheckHeader(ReadOnlySpan<byte> header, long segment, string journalId, out long firstPosition)
    {
        firstPosition = 0;
        if (header.Length < JournalFormat.SegmentHeaderBytes || !header.StartsWith(JournalFormat.SegmentMagic))
        {
            if (IsZeroFrom(0)) return JournalDamage.ZeroFilled;
            return header.Length < JournalFormat.SegmentHeaderBytes ? JournalDamage.TruncatedHeader : JournalDamage.BadSegmentHeader;
        }
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[JournalFormat.SegCrcOffset..]);
        if (crc != Crc32C.Compute(header[..JournalFormat.SegCrcOffset])) return JournalDamage.BadSegmentHeader;
        if (BinaryPrimitives.ReadInt32LittleEndian(header[JournalFormat.SegVersionOffset..]) != JournalFormat.SchemaVersion) return JournalDamage.ForeignSegment;
        if (BinaryPrimitives.ReadInt32LittleEndian(header[JournalFormat.SegHeaderSizeOffset..]) != JournalFormat.SegmentHeaderBytes) return JournalDamage.BadSegmentHeader;
        Span<byte> id = stackalloc byte[8];
        JournalFormat.WriteJournalId(id, journalId);
        if (!header.Slice(JournalFormat.SegJournalIdOffset, 8).SequenceEqual(id)) return JournalDamage.ForeignSegment;
        if (BinaryPrimitives.ReadInt64LittleEndian(header[JournalFormat.SegNumberOffset..]) != segment) return JournalDamage.BadSegmentHeader;
        firstPosition = BinaryPrimitives.ReadInt64LittleEndian(header[JournalFormat.SegFirstPositionOffset..]);
        return firstPosition < 1 ? JournalDamage.BadSegmentHeader : JournalDamage.None;
    }

    public void Close()
    {
        _file?.Dispose();
        _file = null;
    }

    public void Dispose() => Close();
}
