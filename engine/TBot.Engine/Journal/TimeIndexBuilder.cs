using System.Runtime.CompilerServices;

namespace TBot.Engine.Journal;

/// <summary>
/// Decides which records get a time index entry: the first record of a segment, then every
/// <c>everyRecords</c> records or whenever the segment's highest engine time moved <c>intervalNs</c> past the
/// last entry. A pure function of the record sequence, so recovery rebuilds exactly the entries the live
/// writer made.
/// </summary>
internal sealed class TimeIndexBuilder(int everyRecords, long intervalNs)
{
    private long _maxTimeNs;
    private long _lastEntryMaxTimeNs;
    private long _sinceEntry;
    private bool _any;

    /// <summary>Last entry made in this segment (valid when <see cref="HasEntry"/>).</summary>
    public TimeIndexEntry LastEntry { get; private set; }

    public bool HasEntry => _any;

    /// <summary>Highest record time seen in this segment.</summary>
    public long MaxTimeNs => _maxTimeNs;

    /// <summary>A new segment starts.</summary>
    public void Reset()
    {
        _any = false;
        _sinceEntry = 0;
        _maxTimeNs = long.MinValue;
        _lastEntryMaxTimeNs = long.MinValue;
    }

    /// <summary>Account for one record; true when it gets an entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Observe(long timeNs, long position, long offset, out TimeIndexEntry entry)
    {
        if (!_any || timeNs > _maxTimeNs) _maxTimeNs = timeNs;
        _sinceEntry++;
        if (_any && _sinceEntry < everyRecords && (intervalNs == 0 || _maxTimeNs - _lastEntryMaxTimeNs < intervalNs))
        {
            entry = default;
            return false;
        }
        entry = new TimeIndexEntry(_maxTimeNs, position, offset);
        _any = true;
        _sinceEntry = 0;
        _lastEntryMaxTimeNs = _maxTimeNs;
        LastEntry = entry;
        return true;
    }

    /// <summary>The closing entry for a segment's last record, so a reader knows the segment's highest time
    /// without scanning it. Not made when the last record already has one.</summary>
    public bool Seal(long lastPosition, long lastOffset, out TimeIndexEntry entry)
    {
        if (!_any || LastEntry.Position == lastPosition)
        {
            entry = default;
            return false;
        }
        entry = new TimeIndexEntry(_maxTimeNs, lastPosition, lastOffset);
        LastEntry = entry;
        _lastEntryMaxTimeNs = _maxTimeNs;
        _sinceEntry = 0;
        return true;
    }
}
