namespace TBot.Engine.Execution.Paper;

/// <summary>A fixed-capacity FIFO of <see cref="PendingAction"/>s (a ring over a preallocated array). Latency is
/// the same for every request, so submission order is also arrival order.</summary>
internal sealed class PendingQueue(int capacity)
{
    private readonly PendingAction[] _items = new PendingAction[capacity];
    private int _head;

    public int Count { get; private set; }

    public bool TryEnqueue(in PendingAction action)
    {
        if (Count == _items.Length) return false;
        var tail = _head + Count;
        if (tail >= _items.Length) tail -= _items.Length;
        _items[tail] = action;
        Count++;
        return true;
    }

    /// <summary>The oldest action; only valid while <see cref="Count"/> &gt; 0.</summary>
    public ref readonly PendingAction Peek() => ref _items[_head];

    public void Dequeue()
    {
        _items[_head] = default;
        if (++_head == _items.Length) _head = 0;
        Count--;
    }
}
