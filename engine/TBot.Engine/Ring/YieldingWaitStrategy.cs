namespace TBot.Engine.Ring;

/// <summary>Spins a little, then yields the core on each further try. The default: close to busy-spin
/// latency when a core is free, and polite when threads outnumber cores.</summary>
public sealed class YieldingWaitStrategy : IWaitStrategy
{
    private const int SpinTries = 100;

    public long WaitFor(long sequence, Sequence cursor, ISequence dependency, SequenceBarrier barrier)
    {
        var counter = SpinTries;
        long available;
        while ((available = dependency.Value) < sequence)
        {
            if (barrier.IsAlerted) return available;
            if (counter > 0)
            {
                counter--;
                BusySpinWaitStrategy.SpinPause();
            }
            else
            {
                Thread.Yield();
            }
        }
        return available;
    }

    public void SignalAllWhenBlocking() { }
}
