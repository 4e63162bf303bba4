using System.Runtime.CompilerServices;

namespace TBot.Engine.Ring;

/// <summary>Spins on the dependency. Lowest latency; only with a core per spinning thread.</summary>
public sealed class BusySpinWaitStrategy : IWaitStrategy
{
    public long WaitFor(long sequence, Sequence cursor, ISequence dependency, SequenceBarrier barrier)
    {
        long available;
        while ((available = dependency.Value) < sequence)
        {
            if (barrier.IsAlerted) return available;
            SpinPause();
        }
        return available;
    }

    public void SignalAllWhenBlocking() { }

    /// <summary>A PAUSE/YIELD instruction: eases the spin on the memory bus and on a hyper-thread sibling.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SpinPause() => Thread.SpinWait(1);
}
