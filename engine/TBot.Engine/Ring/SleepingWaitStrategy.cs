namespace TBot.Engine.Ring;

/// <summary>Spins, then yields, then sleeps (1 ms, the smallest portable nap). Low CPU when idle;
/// expect millisecond wake-ups after a quiet period.</summary>
public sealed class SleepingWaitStrategy : IWaitStrategy
{
    private const int SpinTries = 200;
    private const int YieldTries = 100;

    public long WaitFor(long sequence, Sequence cursor, ISequence dependency, SequenceBarrier barrier)
    {
        var counter = SpinTries + YieldTries;
        long available;
        while ((available = dependency.Value) < sequence)
        {
            if (barrier.IsAlerted) return available;
            if (counter > YieldTries)
            {
                counter--;
                BusySpinWaitStrategy.SpinPause();
            }
            else if (counter > 0)
            {
                counter--;
                Thread.Yield();
            }
            else
            {
                Thread.Sleep(1);
            }
        }
        return available;
    }

    public void SignalAllWhenBlocking() { }
}
