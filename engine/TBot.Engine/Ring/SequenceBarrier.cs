namespace TBot.Engine.Ring;

/// <summary>
/// What a consumer waits on: the producer cursor and the sequences of the consumers it depends on.
/// A consumer may read slot <c>s</c> only when the barrier reports <c>s</c> available, i.e. after the
/// producer published it and every upstream consumer finished it.
/// </summary>
public sealed class SequenceBarrier
{
    private readonly Sequencer _sequencer;
    private readonly IWaitStrategy _waitStrategy;
    private readonly Sequence _cursor;
    private readonly ISequence _dependency;
    // Only multi-producer rings can have claimed-but-unpublished gaps below the cursor.
    private readonly bool _checkPublished;
    private volatile bool _alerted;

    internal SequenceBarrier(Sequencer sequencer, Sequence[] dependencies)
    {
        _sequencer = sequencer;
        _waitStrategy = sequencer.WaitStrategy;
        _cursor = sequencer.CursorSequence;
        _checkPublished = sequencer is not SingleProducerSequencer;
        _dependency = dependencies.Length switch
        {
            0 => _cursor,
            1 => dependencies[0],
            _ => new SequenceGroup(dependencies),
        };
    }

    /// <summary>True after <see cref="Alert"/>: the consumer should check whether it is being halted.</summary>
    public bool IsAlerted => _alerted;

    /// <summary>
    /// Wait for <paramref name="sequence"/>. Returns the highest sequence that may be read (may exceed
    /// <paramref name="sequence"/>: that is a batch), or a smaller value if the wait ended by an alert.
    /// </summary>
    public long WaitFor(long sequence)
    {
        var available = _waitStrategy.WaitFor(sequence, _cursor, _dependency, this);
        if (available < sequence || !_checkPublished) return available;
        return _sequencer.GetHighestPublishedSequence(sequence, available);
    }

    /// <summary>The dependency's current value without waiting.</summary>
    public long Peek() => _dependency.Value;

    /// <summary>Wake the consumer out of its wait (used to halt it).</summary>
    public void Alert()
    {
        _alerted = true;
        _waitStrategy.SignalAllWhenBlocking();
    }

    public void ClearAlert() => _alerted = false;
}
