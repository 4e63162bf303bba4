using System.Threading.Tasks.Sources;

namespace TBot.Adapters.Execution.Binance;

/// <summary>
/// An auto-reset wake-up for one async waiter (the dispatcher), set by the trading thread after it enqueues.
/// <see cref="Set"/> is lock-free and allocation-free; when nobody waits it is a single compare-exchange.
/// Continuations run on the thread pool, never on the setter's thread.
/// </summary>
internal sealed class WorkSignal : IValueTaskSource
{
    private const int Idle = 0, Signaled = 1, Waiting = 2;

    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private int _state;

    public void Set()
    {
        while (true)
        {
            var s = Volatile.Read(ref _state);
            if (s == Signaled) return;
            if (s == Idle)
            {
                if (Interlocked.CompareExchange(ref _state, Signaled, Idle) == Idle) return;
                continue;
            }
            if (Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting)
            {
                _core.SetResult(true);
                return;
            }
        }
    }

    /// <summary>Completes at the next <see cref="Set"/> (at once if one happened since the last wait).</summary>
    public ValueTask WaitAsync()
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Signaled) == Signaled) return default;
        _core.Reset();
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) == Idle) return new ValueTask(this, _core.Version);
        // A Set slipped in between: consume it.
        Volatile.Write(ref _state, Idle);
        return default;
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
