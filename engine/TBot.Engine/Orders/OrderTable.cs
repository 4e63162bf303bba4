namespace TBot.Engine.Orders;

/// <summary>
/// Orders by client order id: a preallocated slot array plus an open-addressing index (linear probing,
/// backward-shift deletion, so no tombstones). Finished orders stay findable (late and duplicated reports
/// must be recognised) until their slot is needed again: the oldest finished order is evicted first.
/// </summary>
public sealed class OrderTable
{
    private readonly Order[] _slots;
    private readonly int[] _index;       // slot + 1, 0 = empty
    private readonly int _mask;
    private readonly bool[] _used;
    private readonly int[] _free;        // stack of free slots
    private int _freeCount;
    private readonly int[] _finished;    // FIFO of finished slots (eviction order)
    private int _finishedHead, _finishedCount;

    public OrderTable(int capacity)
    {
        _slots = new Order[capacity];
        var size = 1;
        while (size < capacity * 2) size <<= 1;
        _index = new int[size];
        _mask = size - 1;
        _used = new bool[capacity];
        _free = new int[capacity];
        for (var i = 0; i < capacity; i++) _free[i] = capacity - 1 - i;
        _freeCount = capacity;
        _finished = new int[capacity];
    }

    public int Capacity => _slots.Length;

    /// <summary>Orders held (open and finished).</summary>
    public int Count => _slots.Length - _freeCount;

    /// <summary>Finished orders dropped to make room.</summary>
    public long Evictions { get; private set; }

    /// <summary>Slot of an order, or -1.</summary>
    public int Find(long clientOrderId)
    {
        var i = Hash(clientOrderId) & _mask;
        while (true)
        {
            var s = _index[i];
            if (s == 0) return -1;
            if (_slots[s - 1].ClientOrderId == clientOrderId) return s - 1;
            i = (i + 1) & _mask;
        }
    }

    public ref Order this[int slot] => ref _slots[slot];

    /// <summary>Add a new order; false when the table is full of open orders (nothing finished to evict).</summary>
    public bool TryAdd(in Order order, out int slot)
    {
        if (_freeCount == 0 && !EvictOldestFinished())
        {
            slot = -1;
            return false;
        }
        slot = _free[--_freeCount];
        _slots[slot] = order;
        _used[slot] = true;
        var i = Hash(order.ClientOrderId) & _mask;
        while (_index[i] != 0) i = (i + 1) & _mask;
        _index[i] = slot + 1;
        return true;
    }

    /// <summary>The order in <paramref name="slot"/> reached a final state: it becomes evictable.</summary>
    public void MarkFinished(int slot)
    {
        _finished[(_finishedHead + _finishedCount) % _finished.Length] = slot;
        _finishedCount++;
    }

    /// <summary>Visit every held slot (edge and rare paths: cancel-all, state hash).</summary>
    public int SlotCount => _slots.Length;

    public bool IsUsed(int slot) => _used[slot];

    private bool EvictOldestFinished()
    {
        if (_finishedCount == 0) return false;
        var slot = _finished[_finishedHead];
        _finishedHead = (_finishedHead + 1) % _finished.Length;
        _finishedCount--;
        Remove(_slots[slot].ClientOrderId);
        _slots[slot] = default;
        _used[slot] = false;
        _free[_freeCount++] = slot;
        Evictions++;
        return true;
    }

    private void Remove(long clientOrderId)
    {
        var i = Hash(clientOrderId) & _mask;
        while (true)
        {
            var s = _index[i];
            if (s == 0) return;
            if (_slots[s - 1].ClientOrderId == clientOrderId) break;
            i = (i + 1) & _mask;
        }
        // Backward-shift: pull later entries of the probe run into the hole.
        var hole = i;
        var j = i;
        while (true)
        {
            j = (j + 1) & _mask;
            var s = _index[j];
            if (s == 0) break;
            var home = Hash(_slots[s - 1].ClientOrderId) & _mask;
            // Move j into the hole unless its home lies cyclically in (hole, j].
            var inRange = hole <= j ? home > hole && home <= j : home > hole || home <= j;
            if (inRange) continue;
            _index[hole] = s;
            hole = j;
        }
        _index[hole] = 0;
    }

    private static int Hash(long key)
    {
        var h = (ulong)key * 0x9E3779B97F4A7C15UL;
        return (int)(h >> 32);
    }
}
