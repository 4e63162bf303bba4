namespace TBot.Host.Bus;

/// <summary>
/// The idempotency keys seen most recently (bounded: the oldest is forgotten first). A subscriber checks a key
/// before acting and marks it only after its effect succeeded, so a failed attempt is retried and a re-delivered
/// event that already took effect is skipped. Thread-safe.
/// </summary>
public sealed class DedupeWindow(int capacity = 4096)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public bool Contains(string key)
    {
        lock (_lock) return _seen.Contains(key);
    }

    /// <summary>Remember the key; false when it was already there.</summary>
    public bool Mark(string key)
    {
        lock (_lock)
        {
            if (!_seen.Add(key)) return false;
            _order.Enqueue(key);
            if (_order.Count > Capacity) _seen.Remove(_order.Dequeue());
            return true;
        }
    }

    /// <summary>Run <paramref name="effect"/> unless the key already took effect; marks it when the effect
    /// succeeded. True when the effect ran. Concurrent calls with one key are the caller's to serialise (the bus
    /// delivers to a subscriber one event at a time).</summary>
    public async ValueTask<bool> RunOnceAsync(string key, Func<ValueTask> effect)
    {
        if (Contains(key)) return false;
        await effect().ConfigureAwait(false);
        return Mark(key);
    }
}
