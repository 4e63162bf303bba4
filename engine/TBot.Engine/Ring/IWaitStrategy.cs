namespace TBot.Engine.Ring;

/// <summary>How a consumer waits until <c>sequence</c> is available from its dependency.</summary>
public interface IWaitStrategy
{
    /// <summary>
    /// Wait until <paramref name="dependency"/> reaches <paramref name="sequence"/> or the barrier is alerted.
    /// Returns the dependency's value seen last: at least <paramref name="sequence"/> on success,
    /// smaller when the wait ended because of an alert.
    /// </summary>
    long WaitFor(long sequence, Sequence cursor, ISequence dependency, SequenceBarrier barrier);

    /// <summary>Called by producers after publishing; wakes blocked consumers if the strategy blocks.</summary>
    void SignalAllWhenBlocking();

    /// <summary>Whether producers must call <see cref="SignalAllWhenBlocking"/> after each publish.
    /// Spinning strategies say no, which spares the hot path an interface call per event.</summary>
    bool IsBlocking => false;
}
