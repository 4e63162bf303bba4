namespace TBot.Engine.Orders;

/// <summary>Intents emitted while handling one event: a preallocated array, cleared after each event.</summary>
public sealed class IntentBuffer(int capacity = 256)
{
    private readonly OrderIntent[] _items = new OrderIntent[capacity];

    public int Count { get; private set; }

    /// <summary>Intents dropped because the buffer was full (a strategy emitting too many per event).</summary>
    public long Overflows { get; private set; }

    public ref OrderIntent this[int index] => ref _items[index];

    public bool TryAdd(in OrderIntent intent)
    {
        if (Count == _items.Length)
        {
            Overflows++;
            return false;
        }
        _items[Count++] = intent;
        return true;
    }

    public void Clear() => Count = 0;
}
