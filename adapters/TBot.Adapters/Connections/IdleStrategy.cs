namespace TBot.Adapters.Connections;

/// <summary>
/// How the ingress thread waits when every queue is empty: spin (lowest wake-up latency, burns the core), then
/// yield the core to other ready threads, then sleep briefly (near-zero CPU when the market is quiet, at the
/// price of about a millisecond to notice the next frame). Any work resets it to spinning.
/// </summary>
public sealed class IdleStrategy
{
    private readonly int _spins;
    private readonly int _yields;
    private readonly int _sleepMs;
    private int _count;

    public IdleStrategy(int spinIterations = 2000, int yieldIterations = 200, int sleepMilliseconds = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spinIterations);
        ArgumentOutOfRangeException.ThrowIfNegative(yieldIterations);
        ArgumentOutOfRangeException.ThrowIfNegative(sleepMilliseconds);
        _spins = spinIterations;
        _yields = yieldIterations;
        _sleepMs = sleepMilliseconds;
    }

    /// <summary>Idle calls since the last <see cref="Reset"/>.</summary>
    public int Count => _count;

    public void Idle()
    {
        var count = _count;
        if (count < _spins) Thread.SpinWait(8);
        else if (count < _spins + _yields) Thread.Yield();
        else Thread.Sleep(_sleepMs);
        if (count < int.MaxValue) _count = count + 1;
    }

    public void Reset() => _count = 0;
}
