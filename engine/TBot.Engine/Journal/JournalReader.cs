using System.Runtime.CompilerServices;

namespace TBot.Engine.Journal;

/// <summary>
/// Reads a journal directory in position order across its segments, read-only. Records come out of large
/// chunk reads and are validated (CRC, length, type, position) without allocating per record.
/// <para>
/// A torn tail of the last segment ends the reading quietly: <see cref="TryRead"/> returns false and
/// <see cref="TailDamage"/> says what was found (a journal being written shows its unfinished last record
/// this way). Damage anywhere else (a sealed segment, a missing segment, a position gap between segments)
/// throws <see cref="JournalCorruptException"/>: replay must not silently skip history.
/// </para>
/// </summary>
public sealed class JournalReader : IDisposable
{
    public const int DefaultBufferBytes = 4 << 20;

    private readonly JournalSegmentInfo[] _segments;
    private readonly TimeIndexEntry[]?[] _indexes;
    private readonly bool[] _indexLoaded;
    private readonly SegmentCursor _cursor;
    // The real last segment file had a torn header and was left out: every listed segment is then sealed.
    private readonly bool _lastSegmentDropped;
    private int _current = -1;

    private JournalReader(string directory, JournalManifest manifest, JournalSegmentInfo[] segments, SegmentCursor cursor,
        bool lastSegmentDropped, JournalDamage tailDamage, long tailSegment, long tailBytes)
    {
        Directory = directory;
        Manifest = manifest;
        _segments = segments;
        _indexes = new TimeIndexEntry[]?[segments.Length];
        _indexLoaded = new bool[segments.Length];
        _cursor = cursor;
        _lastSegmentDropped = lastSegmentDropped;
        TailDamage = tailDamage;
        TailSegment = tailSegment;
        TailBytes = tailBytes;
    }

    public string Directory { get; }

    public JournalManifest Manifest { get; }

    /// <summary>The readable segments, in order (a last segment with a torn header is left out and reported as the tail).</summary>
    public IReadOnlyList<JournalSegmentInfo> Segments => _segments;

    /// <summary>Position of the first record (0 when the journal is empty).</summary>
    public long FirstPosition => _segments.Length == 0 ? 0 : _segments[0].FirstPosition;

    /// <summary>What ended reading before the end of the last segment (None: clean so far).</summary>
    public JournalDamage TailDamage { get; private set; }

    /// <summary>Segment of the tail damage.</summary>
    public long TailSegment { get; private set; }

    /// <summary>File offset where the tail damage starts.</summary>
    public long TailOffset { get; private set; }

    /// <summary>Bytes after the last good record of the tail segment.</summary>
    public long TailBytes { get; private set; }

    /// <summary>Open a journal directory for reading, with a chunk buffer of its own.</summary>
    public static JournalReader Open(string directory, int bufferBytes = DefaultBufferBytes, bool verifyChecksums = true) =>
        OpenDirectory(directory, null, bufferBytes, verifyChecksums);

    /// <summary>
    /// Open a journal directory for reading into a caller-owned chunk buffer (at least
    /// <see cref="JournalFormat.MaxRecordBytes"/>), for a caller that re-opens often, such as a tail polling the live
    /// end. Records view the buffer: it must not serve two open readers at once (dispose one before opening the next).
    /// </summary>
    public static JournalReader Open(string directory, byte[] buffer, bool verifyChecksums = true)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Length < JournalFormat.MaxRecordBytes)
            throw new ArgumentException($"The buffer must hold one maximal record ({JournalFormat.MaxRecordBytes} bytes).", nameof(buffer));
        return OpenDirectory(directory, buffer, buffer.Length, verifyChecksums);
    }

    // Without a caller's buffer one of bufferBytes is allocated once the directory looks readable (not before:
    // a failed open costs no buffer).
    private static JournalReader OpenDirectory(string directory, byte[]? buffer, int bufferBytes, bool verifyChecksums)
    {
        JournalFormat.EnsureSupported();
        directory = Path.GetFullPath(directory);
        var manifest = JournalManifest.Load(directory);
        var numbers = JournalWriter.ListSegments(directory);
        for (var i = 1; i < numbers.Length; i++)
        {
            if (numbers[i] != numbers[i - 1] + 1)
                throw new JournalCorruptException($"{directory}: segment {numbers[i - 1] + 1} is missing", numbers[i - 1] + 1, 0, JournalDamage.PositionGap);
        }
        var cursor = new SegmentCursor(buffer ?? GC.AllocateUninitializedArray<byte>(Math.Max(bufferBytes, JournalFormat.MaxRecordBytes)))
        {
            VerifyChecksums = verifyChecksums,
        };
        try
        {
            var segments = new List<JournalSegmentInfo>(numbers.Length);
            var dropped = false;
            JournalDamage tailDamage = JournalDamage.None;
            long tailSegment = 0, tailBytes = 0;
            for (var i = 0; i < numbers.Length; i++)
            {
                var path = Path.Combine(directory, JournalFormat.SegmentFileName(numbers[i]));
                var damage = cursor.Open(path, numbers[i], manifest.JournalId);
                if (damage != JournalDamage.None)
                {
                    // Only a crash while starting the last segment leaves a bad header with nothing behind it.
                    var tornStart = i == numbers.Length - 1 && damage != JournalDamage.ForeignSegment &&
                                    (cursor.FileLength <= JournalFormat.SegmentHeaderBytes || damage == JournalDamage.ZeroFilled);
                    if (!tornStart) throw new JournalCorruptException($"{path}: segment header", numbers[i], 0, damage);
                    dropped = true;
                    tailDamage = damage;
                    tailSegment = numbers[i];
                    tailBytes = cursor.FileLength;
                    break;
                }
                if (segments.Count > 0 && cursor.FirstPosition <= segments[^1].FirstPosition)
                    throw new JournalCorruptException($"{path}: first position {cursor.FirstPosition} does not follow the previous segment's", numbers[i], 0, JournalDamage.PositionGap);
                segments.Add(new JournalSegmentInfo(numbers[i], cursor.FirstPosition, cursor.FileLength));
            }
            cursor.Close();
            return new JournalReader(directory, manifest, segments.ToArray(), cursor, dropped, tailDamage, tailSegment, tailBytes);
        }
        catch
        {
            cursor.Dispose();
            throw;
        }
    }

    /// <summary>The next record in position order; false at the end (or at a torn tail, see <see cref="TailDamage"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryRead(out JournalRecord record)
    {
        var c = _cursor;
        if (c.TryNext())
        {
            record = Current();
            return true;
        }
        return TryReadSlow(out record);
    }

    /// <summary>Position the reader on record <paramref name="position"/> (using the time index to get near it).
    /// Returns false when there is no such record; the reader is then on the first record after it, or at the end.</summary>
    public bool SeekPosition(long position)
    {
        if (_segments.Length == 0) return false;
        var i = _segments.Length - 1;
        while (i > 0 && _segments[i].FirstPosition > position) i--;
        var entries = Index(i);
        var start = -1;
        if (entries is not null)
        {
            for (var k = entries.Length - 1; k >= 0; k--)
            {
                if (entries[k].Position <= position)
                {
                    start = k;
                    break;
                }
            }
        }
        SeekInSegment(i, start < 0 ? null : entries![start]);
        while (TryRead(out var r))
        {
            if (r.Position >= position)
            {
                _cursor.Rewind();
                return r.Position == position;
            }
        }
        return false;
    }

    /// <summary>
    /// Position the reader on the first record (in position order) whose time is at or after <paramref name="timeNs"/>.
    /// Sealed segments whose index shows nothing that late are skipped without reading; inside a segment the
    /// reading starts at the last index entry before the time. Returns false when no record is that late (the
    /// reader is then at the end).
    /// </summary>
    public bool SeekTime(long timeNs)
    {
        for (var i = 0; i < _segments.Length; i++)
        {
            var entries = Index(i);
            var sealedSegment = i < _segments.Length - 1;
            if (sealedSegment && entries is { Length: > 0 } && entries[^1].Position == _segments[i + 1].FirstPosition - 1 &&
                entries[^1].MaxTimeNs < timeNs)
                continue; // the closing entry says the whole segment is earlier
            SeekInSegment(i, LastEntryBefore(entries, timeNs));
            while (_cursor.TryNext())
            {
                if (_cursor.TimeNs >= timeNs)
                {
                    _cursor.Rewind();
                    return true;
                }
            }
            if (_cursor.Damage != JournalDamage.None)
            {
                OnDamage();
                return false;
            }
            if (sealedSegment) CheckContinuity(i);
        }
        return false;
    }

    public void Dispose() => _cursor.Dispose();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private JournalRecord Current()
    {
        var c = _cursor;
        return new JournalRecord(c.Type, c.Position, c.TimeNs, c.Segment, c.RecordOffset,
            new ReadOnlySpan<byte>(c.Buffer, c.RecordStart + JournalFormat.RecordHeaderBytes, c.PayloadLength));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryReadSlow(out JournalRecord record)
    {
        record = default;
        while (true)
        {
            if (_current < 0)
            {
                if (_segments.Length == 0) return false;
                OpenSegment(0);
            }
            else if (_cursor.Damage != JournalDamage.None)
            {
                OnDamage();
                return false;
            }
            else if (_current == _segments.Length - 1)
            {
                return false;
            }
            else
            {
                CheckContinuity(_current);
                OpenSegment(_current + 1);
            }
            if (_cursor.TryNext())
            {
                record = Current();
                return true;
            }
        }
    }

    private void OpenSegment(int index)
    {
        var segment = _segments[index];
        var path = Path.Combine(Directory, JournalFormat.SegmentFileName(segment.Number));
        var damage = _cursor.Open(path, segment.Number, Manifest.JournalId);
        _current = index;
        if (damage != JournalDamage.None) throw new JournalCorruptException($"{path}: segment header", segment.Number, 0, damage);
    }

    /// <summary>Open segment <paramref name="index"/> at an index entry, or at its start when there is none or the
    /// entry does not lead to its record.</summary>
    private void SeekInSegment(int index, TimeIndexEntry? entry)
    {
        OpenSegment(index);
        if (entry is not { } e) return;
        _cursor.Seek(e.Offset, e.Position);
        if (_cursor.TryNext()) _cursor.Rewind();
        else _cursor.Seek(JournalFormat.SegmentHeaderBytes, _segments[index].FirstPosition);
    }

    private void CheckContinuity(int index)
    {
        var expected = _cursor.NextPosition;
        var next = _segments[index + 1];
        if (next.FirstPosition != expected)
            throw new JournalCorruptException($"{Directory}: segment {next.Number} starts at position {next.FirstPosition}, expected {expected}",
                next.Number, 0, JournalDamage.PositionGap);
    }

    /// <summary>Damage where the cursor stopped: the tail of the last segment ends reading; anywhere else it throws.</summary>
    private void OnDamage()
    {
        var isTail = _current == _segments.Length - 1 && !_lastSegmentDropped;
        if (!isTail)
            throw new JournalCorruptException($"{Directory}: damaged record in sealed segment", _cursor.Segment, _cursor.Offset, _cursor.Damage);
        TailDamage = _cursor.Damage;
        TailSegment = _cursor.Segment;
        TailOffset = _cursor.Offset;
        TailBytes = _cursor.FileLength - _cursor.Offset;
    }

    private TimeIndexEntry[]? Index(int index)
    {
        if (!_indexLoaded[index])
        {
            var s = _segments[index];
            _indexes[index] = TimeIndexFile.TryLoad(Path.Combine(Directory, JournalFormat.IndexFileName(s.Number)), s.Number, s.FirstPosition, s.Length);
            _indexLoaded[index] = true;
        }
        return _indexes[index];
    }

    /// <summary>The last entry whose running maximum time is before <paramref name="timeNs"/> (every record up to it is earlier).</summary>
    private static TimeIndexEntry? LastEntryBefore(TimeIndexEntry[]? entries, long timeNs)
    {
        if (entries is null) return null;
        int lo = 0, hi = entries.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (entries[mid].MaxTimeNs < timeNs)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found < 0 ? null : entries[found];
    }
}

