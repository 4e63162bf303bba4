using TBot.Engine.Events;
using TBot.Engine.Ring;

namespace TBot.Engine.Journal;

/// <summary>
/// The journal's ring handler, placed after the trading handler: appends every event, then the decisions the
/// trading core made for it (those with <see cref="DecisionRecord.Sequence"/> up to the event's sequence), so
/// the journal reads event, its decisions, next event... At the end of a batch it flushes per policy and
/// publishes <see cref="Committed"/>. A live gateway sends an order only once Committed has passed the order's
/// sequence (write-ahead).
/// <para>
/// Under <see cref="FlushPolicy.IntervalMs"/> a batch without order decisions may end unflushed; Committed then
/// waits for a later batch (timer events keep batches coming). A batch with an order or cancel flushes at once.
/// </para>
/// Run the pipeline with <see cref="HandlerExceptionPolicy.Halt"/>: after a failed write the writer is faulted
/// and every later event would throw.
/// </summary>
public sealed class JournalHandler : IEventHandler<MarketEvent>
{
    private readonly JournalWriter _writer;
    private readonly DecisionQueue _decisions;
    private long _lastSequence = Sequence.InitialValue;
    private long _lastSequencePosition;
    private bool _urgent;
    private long _events;
    private long _decisionCount;

    public JournalHandler(JournalWriter writer, DecisionQueue decisions)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _decisions = decisions ?? throw new ArgumentNullException(nameof(decisions));
    }

    /// <summary>Highest ring sequence whose event and decisions have been handed to the OS.</summary>
    public Sequence Committed { get; } = new();

    public JournalWriter Writer => _writer;

    /// <summary>Events journaled (read on the handler's thread, or after it stopped).</summary>
    public long Events => Volatile.Read(ref _events);

    /// <summary>Decisions journaled.</summary>
    public long Decisions => Volatile.Read(ref _decisionCount);

    public void OnEvent(ref MarketEvent evt, long sequence, bool endOfBatch)
    {
        _writer.AppendEvent(in evt);
        Volatile.Write(ref _events, _events + 1);
        DrainDecisions(sequence);
        _lastSequence = sequence;
        _lastSequencePosition = _writer.LastPosition;
        if (endOfBatch) EndBatch();
    }

    /// <summary>Drain every decision left, flush, fsync and close the writer.</summary>
    public void OnShutdown()
    {
        try
        {
            if (_writer.IsFaulted) return; // nothing more can be committed; just release the files
            DrainDecisions(long.MaxValue);
            _writer.Fsync();
            if (_lastSequence != Sequence.InitialValue) Committed.SetValue(_lastSequence);
        }
        finally
        {
            _writer.Dispose();
        }
    }

    private void DrainDecisions(long maxSequence)
    {
        while (_decisions.TryRead(maxSequence, out var d))
        {
            _writer.AppendDecision(in d);
            Volatile.Write(ref _decisionCount, _decisionCount + 1);
            if (d.Kind is DecisionKind.OrderSubmitted or DecisionKind.CancelRequested) _urgent = true;
        }
    }

    private void EndBatch()
    {
        _writer.FlushPerPolicy(_urgent);
        _urgent = false;
        // Buffered records may also have gone out when the buffer filled: publish whatever the OS has.
        if (_writer.WrittenPosition >= _lastSequencePosition) Committed.SetValue(_lastSequence);
    }
}
