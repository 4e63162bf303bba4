namespace TBot.Engine.Ring;

/// <summary>
/// Lock + condition variable. Consumers sleep on the monitor until the producer publishes. The producer
/// only takes the lock when a consumer has announced that it sleeps, so an idle-free pipeline pays one
/// full fence per publish instead of a lock.
/// </summary>
/// <remarks>
/// Ordering: the consumer announces itself (under the lock, so with a full fence) and then re-reads the
/// cursor; the producer writes the cursor, issues a full fence, then reads the announcement. Each side's
/// store is ordered before its load, so at least one of them sees the other: no lost wake-up.
/// </remarks>
public sealed class BlockingWaitStrategy : IWaitStrategy
{
    private readonly object _gate = new();
    private int _sleepers;

    public long WaitFor(long sequence, Sequence cursor, ISequence dependency, SequenceBarrier barrier)
    {
        if (cursor.Value < sequence)
        {
            lock (_gate)
            {
                _sleepers++;
                try
                {
                    Interlocked.MemoryBarrier();
                    while (cursor.Value < sequence)
                    {
                        if (barrier.IsAlerted) return dependency.Value;
                        // The timeout bounds the cost of a missed alert; alerts also pulse the monitor.
                        Monitor.Wait(_gate, 100);
                    }
                }
                finally
                {
                    _sleepers--;
                }
            }
        }

        // The cursor has moved; upstream consumers (if any) are usually close behind: spin for them.
        long available;
        while ((available = dependency.Value) < sequence)
        {
            if (barrier.IsAlerted) return available;
            BusySpinWaitStrategy.SpinPause();
        }
        return available;
    }

    public bool IsBlocking => true;

    public void SignalAllWhenBlocking()
    {
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _sleepers) == 0) return;
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }
}
