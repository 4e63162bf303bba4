using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;
using TBot.Engine.Events;

namespace TBot.Engine.Journal;

/// <summary>
/// Appends records to a journal directory (format: FORMAT.md). Single-threaded: one thread appends, flushes and
/// fsyncs; only <see cref="WrittenPosition"/>, <see cref="DurablePosition"/> and the counters may be read from
/// other threads. Under <see cref="FsyncPolicy.IntervalMs"/> the periodic fsync runs on a background thread
/// ("tbot-journal-fsync") so the appending thread, often fused with trading, never waits for the disk.
/// <para>
/// Appends copy the struct's bytes into a preallocated buffer, stamp position and CRC, and hand the buffer to
/// the OS when it is full or on <see cref="Flush"/>: nothing is allocated per record. Sealing a segment and
/// starting the next one (every <see cref="JournalOptions.SegmentBytes"/>) opens files and does allocate.
/// </para>
/// After an I/O error the writer is faulted and refuses further appends: what reached the OS is unknown, so
/// nothing may be reported committed after it.
/// </summary>
public sealed class JournalWriter : IDisposable
{
    private const int IndexPendingCapacity = 1024;
    private const int EventRecordBytes = JournalFormat.RecordHeaderBytes + JournalFormat.EventPayloadBytes;
    private const int DecisionRecordBytes = JournalFormat.RecordHeaderBytes + JournalFormat.DecisionPayloadBytes;

    private readonly JournalOptions _options;
    private readonly long _segmentLimit;
    private readonly byte[] _buffer;
    private readonly TimeIndexEntry[] _indexPending = new TimeIndexEntry[IndexPendingCapacity];
    private readonly TimeIndexBuilder _index;
    private readonly FileStream _lock;
    private readonly long _flushIntervalTicks;

    // The fsync thread fsyncs _file under _syncLock; the writer thread takes it only to close or swap _file
    // (roll, dispose), never on the append path. fsync and pwrite on one handle may run concurrently.
    private readonly object _syncLock = new();
    private Thread? _fsyncThread;
    private bool _stopping;           // under _syncLock
    private Exception? _fsyncError;   // set by the fsync thread; the writer thread faults on it

    private SafeFileHandle _file = null!;
    private SafeFileHandle _indexFile = null!;
    private long _indexLength;
    private int _indexPendingCount;

    private long _segment;
    private long _fileOffset;     // bytes of the current segment already handed to the OS
    private int _buffered;        // bytes in _buffer not yet handed to the OS
    private long _segmentRecords;
    private long _lastRecordOffset;
    private long _lastPosition;
    private long _writtenPosition;
    private long _durablePosition;
    private long _syncedBytes;    // _bytesWritten as of the last completed fsync (either thread)
    private long _lastFlushTicks;
    private bool _faulted;
    private bool _disposed;

    private long _bytesWritten;
    private long _records;
    private long _flushes;
    private long _fsyncs;
    private long _lastFsyncNs;
    private long _maxFsyncNs;
    private long _segmentsCreated;

    private JournalWriter(JournalOptions options, string directory, FileStream lockFile)
    {
        _options = options;
        Directory = directory;
        _segmentLimit = options.SegmentBytes;
        _buffer = GC.AllocateUninitializedArray<byte>(options.BufferBytes, pinned: true);
        _index = new TimeIndexBuilder(options.IndexEveryRecords, options.IndexIntervalNs);
        _lock = lockFile;
        _flushIntervalTicks = options.FlushIntervalMs * Stopwatch.Frequency / 1000;
        _lastFlushTicks = Stopwatch.GetTimestamp();
    }

    /// <summary>Full path of the journal directory.</summary>
    public string Directory { get; }

    public JournalManifest Manifest { get; private set; } = null!;

    public JournalOptions Options => _options;

    /// <summary>Position of the last appended record (buffered or not); 0 when the journal is empty.</summary>
    public long LastPosition => _lastPosition;

    /// <summary>Highest position handed to the OS. Readable from any thread.</summary>
    public long WrittenPosition => Volatile.Read(ref _writtenPosition);

    /// <summary>Highest position this writer has fsynced (0 until its first fsync). Readable from any thread.</summary>
    public long DurablePosition => Volatile.Read(ref _durablePosition);

    /// <summary>The segment being appended to.</summary>
    public long Segment => _segment;

    /// <summary>Bytes handed to the OS by this writer (records and segment headers).</summary>
    public long BytesWritten => Volatile.Read(ref _bytesWritten);

    /// <summary>Records appended by this writer.</summary>
    public long Records => Volatile.Read(ref _records);

    /// <summary>Writes of buffered records to the OS (explicit flushes and full buffers).</summary>
    public long Flushes => Volatile.Read(ref _flushes);

    public long Fsyncs => Volatile.Read(ref _fsyncs);

    /// <summary>Duration of the last fsync, ns.</summary>
    public long LastFsyncNs => Volatile.Read(ref _lastFsyncNs);

    /// <summary>Longest fsync so far, ns.</summary>
    public long MaxFsyncNs => Volatile.Read(ref _maxFsyncNs);

    /// <summary>Where each fsync's duration is also recorded (metrics), set before the first append; null: nowhere.</summary>
    public Metrics.LatencyRecorder? FsyncLatency { get; set; }

    /// <summary>Segments this writer started (rolls, or the first segment of a new journal).</summary>
    public long SegmentsCreated => Volatile.Read(ref _segmentsCreated);

    /// <summary>Bytes appended but not yet handed to the OS.</summary>
    public int BufferedBytes => _buffered;

    public bool IsFaulted => _faulted;

    /// <summary>
    /// Create the journal (writing <paramref name="manifestIfNew"/>, required then) or open an existing one for
    /// appending (its own manifest is kept; <paramref name="manifestIfNew"/> is ignored). The
    /// last segment is scanned: a torn or corrupt tail is cut back to the last good record and reported in
    /// <paramref name="recovery"/>; its time index is rebuilt. Damage in sealed segments is reported as an
    /// error, never repaired. Throws <see cref="JournalCorruptException"/> when appending cannot safely continue
    /// (the last segment belongs to another journal, or its header is damaged while it holds data).
    /// </summary>
    public static JournalWriter Open(JournalOptions options, JournalManifest? manifestIfNew, out JournalRecoveryReport recovery)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        JournalFormat.EnsureSupported();
        var directory = Path.GetFullPath(options.Directory);
        System.IO.Directory.CreateDirectory(directory);
        var lockFile = AcquireLock(directory);
        JournalWriter? writer = null;
        try
        {
            writer = new JournalWriter(options, directory, lockFile);
            recovery = writer.Recover(manifestIfNew);
            if (options.FsyncPolicy == FsyncPolicy.IntervalMs) writer.StartFsyncThread();
            return writer;
        }
        catch
        {
            writer?.CloseFiles();
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>Append one ring event (its receive time is the record's time).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendEvent(in MarketEvent e)
    {
        ref var record = ref Reserve(EventRecordBytes);
        var position = ++_lastPosition;
        JournalFormat.WriteRecordHeader(ref record, JournalRecordType.Event, JournalFormat.EventPayloadBytes, position, e.ReceiveTimeNs);
        ref var payload = ref Unsafe.Add(ref record, JournalFormat.RecordHeaderBytes);
        Unsafe.WriteUnaligned(ref payload, e);
        StructPadding<MarketEvent>.Clear(ref payload);
        Complete(EventRecordBytes, e.ReceiveTimeNs);
    }

    /// <summary>Append one decision (its <see cref="DecisionRecord.TimeNs"/> is the record's time).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendDecision(in DecisionRecord d)
    {
        ref var record = ref Reserve(DecisionRecordBytes);
        var position = ++_lastPosition;
        JournalFormat.WriteRecordHeader(ref record, JournalRecordType.Decision, JournalFormat.DecisionPayloadBytes, position, d.TimeNs);
        ref var payload = ref Unsafe.Add(ref record, JournalFormat.RecordHeaderBytes);
        Unsafe.WriteUnaligned(ref payload, d);
        StructPadding<DecisionRecord>.Clear(ref payload);
        Complete(DecisionRecordBytes, d.TimeNs);
    }

    /// <summary>Append a note: UTF-8 JSON for rare control or metadata records (at most <see cref="JournalFormat.MaxPayloadBytes"/>).</summary>
    public void AppendNote(ReadOnlySpan<byte> utf8Json, long timeNs)
    {
        if (utf8Json.Length > JournalFormat.MaxPayloadBytes)
            throw new ArgumentOutOfRangeException(nameof(utf8Json), utf8Json.Length, $"A note holds at most {JournalFormat.MaxPayloadBytes} bytes.");
        var recordLength = JournalFormat.RecordHeaderBytes + JournalFormat.PaddedLength(utf8Json.Length);
        ref var record = ref Reserve(recordLength);
        var position = ++_lastPosition;
        JournalFormat.WriteRecordHeader(ref record, JournalRecordType.Note, utf8Json.Length, position, timeNs);
        var payload = _buffer.AsSpan(_buffered + JournalFormat.RecordHeaderBytes, recordLength - JournalFormat.RecordHeaderBytes);
        utf8Json.CopyTo(payload);
        payload[utf8Json.Length..].Clear();
        Complete(recordLength, timeNs);
    }

    /// <summary>Hand every buffered record to the OS (no fsync).</summary>
    public void Flush()
    {
        EnsureWritable();
        WriteBuffer();
        _lastFlushTicks = Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// Flush, then ask the OS to put the segment on stable storage, on this thread. Skipped when nothing was
    /// written since the last fsync (by either thread).
    /// </summary>
    public void Fsync()
    {
        ThrowIfFsyncFailed();
        Flush();
        var bytes = _bytesWritten;
        if (bytes == Volatile.Read(ref _syncedBytes)) return;
        try
        {
            SyncFile(bytes, _writtenPosition);
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    /// <summary>
    /// The end of a ring batch: flush per <see cref="FlushPolicy"/> (<paramref name="urgent"/>, e.g. an order
    /// decision in the batch, flushes even under the interval policy), then fsync under <see cref="FsyncPolicy.EveryFlush"/>
    /// (<see cref="FsyncPolicy.IntervalMs"/> fsyncs on the background thread, never here).
    /// Returns whether it flushed. The interval is measured with <see cref="Stopwatch"/>: it only decides when
    /// bytes reach the disk, never what they are.
    /// </summary>
    public bool FlushPerPolicy(bool urgent = false)
    {
        ThrowIfFsyncFailed();
        var flush = _options.FlushPolicy == FlushPolicy.PerBatch || urgent || Stopwatch.GetTimestamp() - _lastFlushTicks >= _flushIntervalTicks;
        if (flush) Flush();
        // IntervalMs is the fsync thread's job; EveryFlush stays here so the flush is durable when this returns.
        if (flush && _options.FsyncPolicy == FsyncPolicy.EveryFlush) Fsync();
        return flush;
    }

    /// <summary>
    /// Stop the fsync thread, flush (and fsync unless the policy is <see cref="FsyncPolicy.None"/>), close the
    /// files and release the directory.
    /// </summary>
    public void Dispose()
    {
        if (_disposed) return;
        try
        {
            StopFsyncThread();
            if (!_faulted)
            {
                if (_options.FsyncPolicy == FsyncPolicy.None) Flush();
                else Fsync();
            }
        }
        finally
        {
            _disposed = true;
            CloseFiles();
            _lock.Dispose();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref byte Reserve(int recordLength)
    {
        if (_faulted | _disposed) ThrowNotWritable();
        if (_fileOffset + _buffered + recordLength > _segmentLimit && _segmentRecords > 0) Roll();
        if (_buffered + recordLength > _buffer.Length) WriteBuffer();
        return ref _buffer[_buffered];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Complete(int recordLength, long timeNs)
    {
        var offset = _fileOffset + _buffered;
        JournalFormat.SealRecord(_buffer.AsSpan(_buffered, recordLength));
        _buffered += recordLength;
        _lastRecordOffset = offset;
        _segmentRecords++;
        Volatile.Write(ref _records, _records + 1);
        if (_index.Observe(timeNs, _lastPosition, offset, out var entry)) AddIndexEntry(entry);
    }

    private void AddIndexEntry(in TimeIndexEntry entry)
    {
        // Entries must never point past data the OS has: a full pending list writes the data first.
        if (_indexPendingCount == _indexPending.Length) WriteBuffer();
        _indexPending[_indexPendingCount++] = entry;
    }

    /// <summary>Hand the buffer to the OS, then the index entries that point into it.</summary>
    private void WriteBuffer()
    {
        try
        {
            if (_buffered > 0)
            {
                RandomAccess.Write(_file, new ReadOnlySpan<byte>(_buffer, 0, _buffered), _fileOffset);
                _fileOffset += _buffered;
                Volatile.Write(ref _bytesWritten, _bytesWritten + _buffered);
                _buffered = 0;
                Volatile.Write(ref _flushes, _flushes + 1);
                Volatile.Write(ref _writtenPosition, _lastPosition);
            }
            if (_indexPendingCount > 0)
            {
                TimeIndexFile.Append(_indexFile, ref _indexLength, new ReadOnlySpan<TimeIndexEntry>(_indexPending, 0, _indexPendingCount));
                _indexPendingCount = 0;
            }
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    /// <summary>Seal the current segment (closing index entry, write, fsync per policy) and start the next one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Roll()
    {
        if (_index.Seal(_lastPosition, _lastRecordOffset, out var entry)) AddIndexEntry(entry);
        WriteBuffer();
        // The index is derived data (rebuilt or bypassed when damaged): only the segment is fsynced, here on
        // this thread, so the fsync thread only ever has the current segment to look after.
        if (_options.FsyncPolicy != FsyncPolicy.None) Fsync();
        lock (_syncLock) // the fsync thread must not see a closed handle
        {
            try
            {
                CloseFiles();
                StartSegment(_segment + 1, _lastPosition + 1, FileMode.CreateNew);
            }
            catch
            {
                _faulted = true;
                throw;
            }
        }
    }

    private void StartSegment(long segment, long firstPosition, FileMode mode)
    {
        var path = Path.Combine(Directory, JournalFormat.SegmentFileName(segment));
        _file = File.OpenHandle(path, mode, FileAccess.ReadWrite, FileShare.Read);
        Span<byte> header = stackalloc byte[JournalFormat.SegmentHeaderBytes];
        JournalFormat.WriteSegmentHeader(header, Manifest.JournalId, segment, firstPosition);
        RandomAccess.Write(_file, header, 0);
        _segment = segment;
        _fileOffset = header.Length;
        _segmentRecords = 0;
        _lastRecordOffset = 0;
        Volatile.Write(ref _bytesWritten, _bytesWritten + header.Length);
        Volatile.Write(ref _segmentsCreated, _segmentsCreated + 1);
        _index.Reset();
        _indexFile = TimeIndexFile.Create(Path.Combine(Directory, JournalFormat.IndexFileName(segment)), segment, [], out _indexLength);
    }

    private void CloseFiles()
    {
        _file?.Dispose();
        _indexFile?.Dispose();
    }

    /// <summary>fsync the current segment. <paramref name="bytes"/> and <paramref name="position"/> were read
    /// before the call: the OS had them, so they are durable once it returns. Runs on either thread.</summary>
    private void SyncFile(long bytes, long position)
    {
        var start = Stopwatch.GetTimestamp();
        RandomAccess.FlushToDisk(_file);
        var ns = (long)((Stopwatch.GetTimestamp() - start) * (1e9 / Stopwatch.Frequency));
        Volatile.Write(ref _lastFsyncNs, ns);
        FsyncLatency?.Record(ns);
        StoreMax(ref _maxFsyncNs, ns);
        StoreMax(ref _syncedBytes, bytes);
        StoreMax(ref _durablePosition, position);
        Interlocked.Increment(ref _fsyncs);
    }

    /// <summary>Both threads fsync: a slower one must not move a value back.</summary>
    private static void StoreMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }

    private void StartFsyncThread()
    {
        _fsyncThread = new Thread(FsyncLoop) { Name = "tbot-journal-fsync", IsBackground = true };
        _fsyncThread.Start();
    }

    /// <summary>Every FsyncIntervalMs, fsync the current segment if bytes reached the OS since the last fsync.
    /// Holds _syncLock except while waiting, so a roll or dispose never closes the handle under it.</summary>
    private void FsyncLoop()
    {
        var intervalMs = Math.Max(1, _options.FsyncIntervalMs); // 0 would spin
        lock (_syncLock)
        {
            while (!_stopping)
            {
                Monitor.Wait(_syncLock, intervalMs);
                if (_stopping || _file.IsClosed) return;
                var bytes = Volatile.Read(ref _bytesWritten);
                if (bytes == Volatile.Read(ref _syncedBytes)) continue;
                try
                {
                    SyncFile(bytes, Volatile.Read(ref _writtenPosition));
                }
                catch (Exception ex)
                {
                    // What reached the disk is unknown (a failed fsync may drop dirty pages): the writer faults.
                    Volatile.Write(ref _fsyncError, ex);
                    return;
                }
            }
        }
    }

    private void StopFsyncThread()
    {
        if (_fsyncThread is null) return;
        lock (_syncLock)
        {
            _stopping = true;
            Monitor.Pulse(_syncLock);
        }
        _fsyncThread.Join();
        _fsyncThread = null;
    }

    private void ThrowIfFsyncFailed()
    {
        if (Volatile.Read(ref _fsyncError) is { } error) ThrowFsyncFailed(error);
    }

    [DoesNotReturn]
    private void ThrowFsyncFailed(Exception error)
    {
        _faulted = true;
        throw new IOException("The journal's background fsync failed; the writer accepts no more records.", error);
    }

    private void EnsureWritable()
    {
        if (_faulted | _disposed) ThrowNotWritable();
    }

    [DoesNotReturn]
    private void ThrowNotWritable()
    {
        if (_disposed) throw new ObjectDisposedException(nameof(JournalWriter));
        throw new InvalidOperationException("The journal writer failed an earlier write; it accepts no more records.");
    }

    private static FileStream AcquireLock(string directory)
    {
        var path = Path.Combine(directory, JournalFormat.LockFileName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new IOException($"The journal {directory} is open by another writer.", ex);
        }
    }

    // ----- open / recovery (edge code: runs once, may allocate) -----

    private JournalRecoveryReport Recover(JournalManifest? manifestIfNew)
    {
        var segments = ListSegments(Directory);
        var created = false;
        if (File.Exists(JournalManifest.PathIn(Directory)))
        {
            Manifest = JournalManifest.Load(Directory);
        }
        else
        {
            if (segments.Length > 0)
                throw new InvalidDataException($"{Directory} holds journal segments but no {JournalFormat.ManifestFileName}.");
            ArgumentNullException.ThrowIfNull(manifestIfNew);
            manifestIfNew.Save(Directory);
            Manifest = manifestIfNew;
            created = true;
        }

        if (segments.Length == 0)
        {
            StartSegment(1, 1, FileMode.CreateNew);
            Volatile.Write(ref _writtenPosition, 0);
            return new JournalRecoveryReport { Created = created, JournalId = Manifest.JournalId, Segments = 1, TailSegment = 1 };
        }

        var errors = new List<string>();
        if (_options.SealedSegmentCheck != SealedSegmentCheck.None) CheckSealedSegments(segments, errors);
        return RecoverTail(segments, errors, created);
    }

    private JournalRecoveryReport RecoverTail(long[] segments, List<string> errors, bool created)
    {
        var last = segments[^1];
        var path = Path.Combine(Directory, JournalFormat.SegmentFileName(last));
        var entries = new List<TimeIndexEntry>();
        long firstPosition, goodEnd, fileLength, lastPosition, records = 0, lastRecordOffset = 0;
        JournalDamage tailDamage;
        using (var cursor = new SegmentCursor(_buffer))
        {
            var headerDamage = cursor.Open(path, last, Manifest.JournalId);
            fileLength = cursor.FileLength;
            if (headerDamage == JournalDamage.ForeignSegment)
                throw new JournalCorruptException($"{path} belongs to another journal or schema version", last, 0, headerDamage);
            if (headerDamage != JournalDamage.None)
            {
                // A crash while starting a segment leaves a short or zeroed header and no records: start it again.
                // A damaged header in front of data is not a torn tail, and is not ours to throw away.
                if (fileLength > JournalFormat.SegmentHeaderBytes && headerDamage != JournalDamage.ZeroFilled)
                    throw new JournalCorruptException($"{path}: damaged header in front of data", last, 0, headerDamage);
                cursor.Close();
                firstPosition = segments.Length > 1 ? LastPositionOf(segments[^2]) + 1 : 1;
                StartSegment(last, firstPosition, FileMode.Create);
                _lastPosition = firstPosition - 1;
                Volatile.Write(ref _writtenPosition, _lastPosition);
                if (_options.FsyncPolicy != FsyncPolicy.None) Fsync();
                return new JournalRecoveryReport
                {
                    Created = created, JournalId = Manifest.JournalId, Segments = segments.Length, TailSegment = last,
                    LastGoodPosition = _lastPosition, TailDamage = headerDamage, TruncatedAtOffset = 0, BytesDropped = fileLength,
                    Errors = errors,
                };
            }

            firstPosition = cursor.FirstPosition;
            lastPosition = firstPosition - 1;
            _index.Reset();
            while (cursor.TryNext())
            {
                if (_index.Observe(cursor.TimeNs, cursor.Position, cursor.RecordOffset, out var entry)) entries.Add(entry);
                lastPosition = cursor.Position;
                lastRecordOffset = cursor.RecordOffset;
                records++;
            }
            goodEnd = cursor.Offset;
            tailDamage = cursor.Damage;
            fileLength = cursor.FileLength;
        }

        _file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        var repaired = tailDamage != JournalDamage.None || fileLength != goodEnd;
        if (repaired) RandomAccess.SetLength(_file, goodEnd);
        _segment = last;
        _fileOffset = goodEnd;
        _segmentRecords = records;
        _lastRecordOffset = lastRecordOffset;
        _lastPosition = lastPosition;
        Volatile.Write(ref _writtenPosition, lastPosition);
        _indexFile = TimeIndexFile.Create(Path.Combine(Directory, JournalFormat.IndexFileName(last)), last, entries.ToArray(), out _indexLength);
        if (repaired && _options.FsyncPolicy != FsyncPolicy.None) SyncFile(_bytesWritten, lastPosition); // make the repair durable
        return new JournalRecoveryReport
        {
            Created = created, JournalId = Manifest.JournalId, Segments = segments.Length, TailSegment = last,
            LastGoodPosition = lastPosition, TailDamage = tailDamage, TruncatedAtOffset = goodEnd,
            BytesDropped = fileLength - goodEnd, Errors = errors,
        };
    }

    /// <summary>The last position of a sealed segment: from its last index entry to its end (the whole segment
    /// when the index is unusable). Damage there is not a torn tail: it throws.</summary>
    private long LastPositionOf(long segment)
    {
        var path = Path.Combine(Directory, JournalFormat.SegmentFileName(segment));
        using var cursor = new SegmentCursor(_buffer);
        var damage = cursor.Open(path, segment, Manifest.JournalId);
        if (damage != JournalDamage.None) throw new JournalCorruptException($"{path}: sealed segment header", segment, 0, damage);
        var entries = TimeIndexFile.TryLoad(Path.Combine(Directory, JournalFormat.IndexFileName(segment)), segment, cursor.FirstPosition, cursor.FileLength);
        if (entries is { Length: > 0 }) cursor.Seek(entries[^1].Offset, entries[^1].Position);
        while (cursor.TryNext()) { }
        if (cursor.Damage != JournalDamage.None && entries is { Length: > 0 })
        {
            cursor.Seek(JournalFormat.SegmentHeaderBytes, cursor.FirstPosition); // the index may be the bad part
            while (cursor.TryNext()) { }
        }
        if (cursor.Damage != JournalDamage.None)
            throw new JournalCorruptException($"{path}: sealed segment", segment, cursor.Offset, cursor.Damage);
        return cursor.NextPosition - 1;
    }

    private void CheckSealedSegments(long[] segments, List<string> errors)
    {
        for (var i = 1; i < segments.Length; i++)
        {
            if (segments[i] != segments[i - 1] + 1)
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"segments {segments[i - 1] + 1}..{segments[i] - 1} are missing"));
        }
        using var cursor = new SegmentCursor(_buffer);
        long previousEnd = 0;   // next position expected after the previous segment (0 = unknown)
        long previousFirst = 0; // first position of the previous readable segment
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var sealedSegment = i < segments.Length - 1;
            var damage = cursor.Open(Path.Combine(Directory, JournalFormat.SegmentFileName(segment)), segment, Manifest.JournalId);
            if (damage != JournalDamage.None)
            {
                if (sealedSegment) errors.Add(string.Create(CultureInfo.InvariantCulture, $"segment {segment}: header {damage}"));
                previousEnd = 0;
                continue;
            }
            if (previousEnd != 0 && cursor.FirstPosition != previousEnd)
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"segment {segment} starts at position {cursor.FirstPosition}, expected {previousEnd}"));
            else if (cursor.FirstPosition <= previousFirst)
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"segment {segment} starts at position {cursor.FirstPosition}, not after the previous segment's {previousFirst}"));
            previousFirst = cursor.FirstPosition;
            if (!sealedSegment) break;
            if (_options.SealedSegmentCheck != SealedSegmentCheck.Full)
            {
                previousEnd = 0;
                continue;
            }
            while (cursor.TryNext()) { }
            if (cursor.Damage != JournalDamage.None)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture,
                    $"segment {segment}: {cursor.Damage} at offset {cursor.Offset} after position {cursor.NextPosition - 1} (sealed; left as is)"));
                previousEnd = 0;
            }
            else
            {
                previousEnd = cursor.NextPosition;
            }
        }
    }

    internal static long[] ListSegments(string directory)
    {
        var list = new List<long>();
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, "seg-*" + JournalFormat.SegmentExtension))
        {
            if (JournalFormat.TryParseSegmentFileName(Path.GetFileName(path), out var n)) list.Add(n);
        }
        list.Sort();
        return list.ToArray();
    }
}
