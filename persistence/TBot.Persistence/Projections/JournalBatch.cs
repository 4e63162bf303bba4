using TBot.Engine.Events;
using TBot.Engine.Journal;

namespace TBot.Persistence.Projections;

/// <summary>
/// A run of consecutive journal records copied out of the reader's buffer, so a projection may hold it across
/// awaits and retries. Reused by <see cref="JournalTail"/>: valid until the next read from the same tail.
/// The arrays grow once to the batch capacity and are then recycled, so a steady stream allocates nothing.
/// </summary>
public sealed class JournalBatch
{
    private readonly JournalBatchRecord[] _records;
    private readonly MarketEvent[] _events;
    private readonly DecisionRecord[] _decisions;
    private int _eventCount;
    private int _decisionCount;

    public JournalBatch(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _records = new JournalBatchRecord[capacity];
        _events = new MarketEvent[capacity];
        _decisions = new DecisionRecord[capacity];
    }

    public int Capacity => _records.Length;

    public int Count { get; private set; }

    public bool IsFull => Count == _records.Length;

    /// <summary>Position of the first record (0 when empty).</summary>
    public long FirstPosition => Count == 0 ? 0 : _records[0].Position;

    /// <summary>Position of the last record: the checkpoint a projection stores once it has applied the batch.</summary>
    public long LastPosition => Count == 0 ? 0 : _records[Count - 1].Position;

    public ReadOnlySpan<JournalBatchRecord> Records => _records.AsSpan(0, Count);

    public ref readonly MarketEvent Event(in JournalBatchRecord record)
    {
        if (record.Type != JournalRecordType.Event) throw new InvalidOperationException($"Record {record.Position} is not an event.");
        return ref _events[record.Index];
    }

    public ref readonly DecisionRecord Decision(in JournalBatchRecord record)
    {
        if (record.Type != JournalRecordType.Decision) throw new InvalidOperationException($"Record {record.Position} is not a decision.");
        return ref _decisions[record.Index];
    }

    internal void Clear()
    {
        Count = 0;
        _eventCount = 0;
        _decisionCount = 0;
    }

    /// <summary>Copy a record out of the reader's buffer (the reader reuses it on the next read).</summary>
    internal void Add(in JournalRecord record)
    {
        var index = -1;
        switch (record.Type)
        {
            case JournalRecordType.Event:
                index = _eventCount++;
                _events[index] = record.Event;
                break;
            case JournalRecordType.Decision:
                index = _decisionCount++;
                _decisions[index] = record.Decision;
                break;
        }
        _records[Count++] = new JournalBatchRecord(record.Position, record.Type, record.TimeNs, index);
    }
}
