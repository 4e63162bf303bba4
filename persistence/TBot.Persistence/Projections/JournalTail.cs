using TBot.Engine.Journal;

namespace TBot.Persistence.Projections;

/// <summary>
/// Follows a journal directory that may still be written. <see cref="ReadAsync"/> returns the records after a
/// position as a (reused) batch; at the live end it polls, re-opening the reader, because a reader sees only
/// the segments and bytes present when it was opened. A torn last record at the live end is the writer's
/// unfinished write: the reader stops before it and a later look sees it whole. Damage anywhere else throws
/// <see cref="JournalCorruptException"/> from the reader: a projection must not skip history.
/// </summary>
public sealed class JournalTail : IDisposable
{
    private readonly string _directory;
    private readonly JournalTailOptions _options;
    private readonly JournalBatch _batch;
    // The readers' chunk buffer, allocated once: the tail re-opens a reader on every idle poll, and a buffer per
    // open was a large-object allocation every few ms. Only one reader uses it at a time (Reopen disposes the
    // old reader first), and batches copy records out of it.
    private readonly byte[] _readerBuffer;
    private JournalReader? _reader;
    // Position of the last record the open reader returned: when the caller asks for the next one we carry
    // on reading instead of seeking.
    private long _readerPosition = -1;
    private long _lastSeenPosition;

    public JournalTail(string directory, JournalTailOptions? options = null)
    {
        _directory = directory;
        _options = options ?? new JournalTailOptions();
        _batch = new JournalBatch(_options.BatchSize);
        _readerBuffer = GC.AllocateUninitializedArray<byte>(Math.Max(_options.ReaderBufferBytes, JournalFormat.MaxRecordBytes));
    }

    /// <summary>Highest journal position seen so far (the journal's end as of the last look).</summary>
    public long LastSeenPosition => Volatile.Read(ref _lastSeenPosition);

    /// <summary>The manifest (instruments, journal id), once the journal exists.</summary>
    public JournalManifest? Manifest => _reader?.Manifest;

    /// <summary>
    /// The records after <paramref name="afterPosition"/>, up to the batch size. Waits for at least one; returns a
    /// partial batch rather than waiting to fill one. The batch is valid until the next call.
    /// </summary>
    public async ValueTask<JournalBatch> ReadAsync(long afterPosition, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryReadBatch(afterPosition, out var batch)) return batch;
            await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One non-blocking look: the records after <paramref name="afterPosition"/> that are there now.
    /// False when nothing is new. The batch is valid until the next call.</summary>
    public bool TryReadBatch(long afterPosition, out JournalBatch batch)
    {
        batch = _batch;
        _batch.Clear();
        if (_reader is not null && _readerPosition == afterPosition)
        {
            Fill();
            if (_batch.Count > 0) return true;
            // Nothing new unless the last segment grew or a new one started: a stat is far cheaper than a re-open
            // (manifest, segment headers) every poll.
            if (!JournalGrew(_reader)) return false;
        }
        // At the end of what this reader saw (or asked for another position): look again from scratch.
        Reopen(afterPosition);
        if (_reader is null) return false;
        Fill();
        return _batch.Count > 0;
    }

    private bool JournalGrew(JournalReader reader)
    {
        var segments = reader.Segments;
        if (segments.Count == 0) return true;
        var last = segments[^1];
        var lastPath = Path.Combine(_directory, JournalFormat.SegmentFileName(last.Number));
        var next = Path.Combine(_directory, JournalFormat.SegmentFileName(last.Number + 1));
        try
        {
            return File.Exists(next) || new FileInfo(lastPath).Length != last.Length;
        }
        catch (IOException)
        {
            return true; // let the re-open say what is wrong
        }
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _reader = null;
    }

    private void Fill()
    {
        var reader = _reader!;
        while (!_batch.IsFull && reader.TryRead(out var record))
        {
            _batch.Add(record);
            _readerPosition = record.Position;
        }
        if (_readerPosition > _lastSeenPosition) Volatile.Write(ref _lastSeenPosition, _readerPosition);
    }

    private void Reopen(long afterPosition)
    {
        _reader?.Dispose();
        _reader = null;
        _readerPosition = -1;
        // A journal that is being created has no manifest yet: nothing to read, not an error.
        if (!File.Exists(JournalManifest.PathIn(_directory))) return;
        var reader = JournalReader.Open(_directory, _readerBuffer);
        try
        {
            var next = Math.Max(afterPosition + 1, reader.FirstPosition);
            // SeekPosition leaves the reader on the first record at or after `next`, or at the end.
            reader.SeekPosition(next);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
        _reader = reader;
        _readerPosition = afterPosition;
    }
}
