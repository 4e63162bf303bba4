using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TBot.Engine.Ring;

namespace TBot.Engine.Journal;

/// <summary>
/// Hands decisions from the trading thread (single producer) to the journal handler (single consumer): a
/// preallocated power-of-two ring of <see cref="DecisionRecord"/>, lock-free and allocation-free.
/// <para>
/// A full ring does not block the producer: the journal drains a decision only after the event it belongs to,
/// and it cannot see that event before the trading handler finishes its batch, so a producer waiting inside a
/// batch would wait forever (on one fused thread or on two). The overflow goes to a locked, growable queue
/// instead, read after the ring, so order is kept. The ring gates events, so the overflow is bounded by
/// ring size × decisions per event. It allocates: size the capacity so <see cref="Overflowed"/> stays 0
/// (<see cref="CapacityFor"/>).
/// </para>
/// </summary>
public sealed class DecisionQueue : IDecisionLog
{
    public const int DefaultCapacity = 65536;

    private readonly DecisionRecord[] _slots;
    private readonly int _capacity;
    private readonly long _mask;
    // Published indexes (release/acquire), each padded on its own cache line.
    private readonly Sequence _head = new(0); // next slot to read: written by the consumer
    private readonly Sequence _tail = new(0); // next slot to write: written by the producer
    private readonly Local _producer = new();  // producer-only: cached head
    private readonly Local _consumer = new();  // consumer-only: cached tail
    // Decisions that did not fit, oldest first. While it is not empty the producer appends only here; the
    // consumer reads it only once the ring is empty. Both under its lock.
    private readonly Queue<DecisionRecord> _overflow = new();
    private volatile bool _overflowing;
    private long _overflowed;
    private long _appended;

    public DecisionQueue(int capacity = DefaultCapacity)
    {
        if (capacity < 2 || (capacity & (capacity - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A power of two, at least 2.");
        _slots = GC.AllocateArray<DecisionRecord>(capacity, pinned: true);
        _capacity = capacity;
        _mask = capacity - 1;
    }

    /// <summary>A capacity that never overflows: every decision of a full ring of events fits.</summary>
    public static int CapacityFor(int ringSize, int maxDecisionsPerEvent) =>
        (int)Math.Max(2, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, ringSize) * (uint)Math.Max(1, maxDecisionsPerEvent)));

    public int Capacity => _capacity;

    /// <summary>Decisions waiting, overflow included (approximate while both sides run).</summary>
    public long Count
    {
        get
        {
            var ring = _tail.Value - _head.Value;
            if (!_overflowing) return ring;
            lock (_overflow) return ring + _overflow.Count;
        }
    }

    /// <summary>Decisions appended so far.</summary>
    public long Appended => Volatile.Read(ref _appended);

    /// <summary>Decisions that did not fit in the ring and went through the overflow queue (should stay 0).</summary>
    public long Overflowed => Volatile.Read(ref _overflowed);

    /// <summary>Producer: enqueue a copy of <paramref name="record"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(in DecisionRecord record)
    {
        Volatile.Write(ref _appended, _appended + 1);
        if (!_overflowing)
        {
            var tail = _tail.Value; // only this thread writes it
            if (tail - _producer.Value < _capacity || tail - (_producer.Value = _head.Value) < _capacity)
            {
                _slots[tail & _mask] = record;
                _tail.SetValue(tail + 1); // release: the slot is visible before the new tail
                return;
            }
        }
        AppendSlow(record);
    }

    /// <summary>Consumer: dequeue the next decision if there is one and it belongs to an event at or before
    /// <paramref name="maxSequence"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryRead(long maxSequence, out DecisionRecord record)
    {
        var head = _head.Value;
        if (head == _consumer.Value && head == (_consumer.Value = _tail.Value)) // acquire: slots before tail are complete
            return TryReadOverflow(maxSequence, out record);
        ref var slot = ref _slots[head & _mask];
        if (slot.Sequence > maxSequence)
        {
            record = default;
            return false;
        }
        record = slot;
        _head.SetValue(head + 1); // release: the slot may be reused only after we copied it
        return true;
    }

    /// <summary>Consumer: dequeue the next decision, whatever its sequence.</summary>
    public bool TryRead(out DecisionRecord record) => TryRead(long.MaxValue, out record);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AppendSlow(in DecisionRecord record)
    {
        lock (_overflow)
        {
            if (_overflow.Count == 0)
            {
                // The consumer may have made room since the fast path looked.
                var tail = _tail.Value;
                if (tail - (_producer.Value = _head.Value) < _capacity)
                {
                    _slots[tail & _mask] = record;
                    _tail.SetValue(tail + 1);
                    return;
                }
            }
            _overflow.Enqueue(record);
            _overflowing = true;
            _overflowed++;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryReadOverflow(long maxSequence, out DecisionRecord record)
    {
        record = default;
        if (!_overflowing) return false;
        lock (_overflow)
        {
            // Ring slots published before the overflow started are older: the lock makes them visible here.
            if (_head.Value != _tail.Value)
            {
                _consumer.Value = _tail.Value;
                return TryRead(maxSequence, out record);
            }
            if (_overflow.Count == 0 || _overflow.Peek().Sequence > maxSequence) return false;
            record = _overflow.Dequeue();
            if (_overflow.Count == 0) _overflowing = false;
            return true;
        }
    }

    /// <summary>A value alone on its cache line(s), owned by one side.</summary>
    [StructLayout(LayoutKind.Explicit, Size = Padding.Bytes * 2)]
    private sealed class Local
    {
        [FieldOffset(Padding.Bytes)]
        public long Value;
    }
}
