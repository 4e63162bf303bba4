using System.Numerics;

namespace TBot.Engine.Validation;

/// <summary>
/// The last N ids seen (trade ids, update ids), for duplicate detection in a bounded window: an
/// open-addressing hash table (linear probing, backward-shift deletion) plus a FIFO ring that evicts the
/// oldest id when full. Works for ids that are not monotone (hashed string ids). Allocation-free after construction.
/// </summary>
public sealed class BoundedIdSet
{
    private const long Empty = long.MinValue;
    private readonly long[] _table;
    private readonly int _mask;
    private readonly long[] _fifo;
    private int _head;
    private int _count;

    public BoundedIdSet(int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
        _fifo = new long[capacity];
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)capacity * 2);
        _table = new long[size];
        _mask = size - 1;
        Array.Fill(_table, Empty);
    }

    public int Count => _count;

    public int Capacity => _fifo.Length;

    /// <summary>Add <paramref name="id"/>; false if it is already in the window (a duplicate).</summary>
    public bool Add(long id)
    {
        if (id == Empty) id = Empty + 1; // reserve the sentinel; the collision is harmless for dedup
        var i = Slot(id);
        while (true)
        {
            var v = _table[i];
            if (v == id) return false;
            if (v == Empty) break;
            i = (i + 1) & _mask;
        }
        if (_count == _fifo.Length)
        {
            // Full: forget the oldest id. Removal may shift entries, so probe again afterwards.
            Remove(_fifo[_head]);
            _head = (_head + 1) % _fifo.Length;
            _count--;
            i = Slot(id);
            while (_table[i] != Empty) i = (i + 1) & _mask;
        }
        _table[i] = id;
        _fifo[(_head + _count) % _fifo.Length] = id;
        _count++;
        return true;
    }

    public bool Contains(long id)
    {
        var i = Slot(id);
        while (true)
        {
            var v = _table[i];
            if (v == id) return true;
            if (v == Empty) return false;
            i = (i + 1) & _mask;
        }
    }

    public void Clear()
    {
        Array.Fill(_table, Empty);
        _head = 0;
        _count = 0;
    }

    private int Slot(long id) => (int)((ulong)(id * unchecked((long)0x9E3779B97F4A7C15)) >> 40) & _mask;

    private void Remove(long id)
    {
        var i = Slot(id);
        while (_table[i] != id)
        {
            if (_table[i] == Empty) return;
            i = (i + 1) & _mask;
        }
        // Backward-shift deletion keeps probe chains intact without tombstones.
        var j = i;
        while (true)
        {
            j = (j + 1) & _mask;
            var v = _table[j];
            if (v == Empty) break;
            var home = Slot(v);
            // Move v into the hole at i if its home is not cyclically in (i, j].
            if (i <= j ? (home <= i || home > j) : (home <= i && home > j))
            {
                _table[i] = v;
                i = j;
            }
        }
        _table[i] = Empty;
    }
}
