using System.Runtime.InteropServices;

namespace TBot.Adapters.Execution.Binance;

/// <summary>
/// A bounded single-producer (the trading thread) single-consumer (the dispatcher) queue of preallocated
/// <see cref="GatewayCommand"/> slots. Enqueueing copies into a slot and publishes it with one release store:
/// no allocation, no lock, never blocks (a full queue says so instead).
/// </summary>
internal sealed class CommandQueue
{
    private readonly GatewayCommand[] _slots;
    private readonly long _mask;
    private PaddedLong _head; // next slot to read (consumer)
    private PaddedLong _tail; // next slot to write (producer)

    public CommandQueue(int capacity)
    {
        if (capacity < 2 || (capacity & (capacity - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(capacity), "Capacity must be a power of two ≥ 2.");
        _slots = new GatewayCommand[capacity];
        _mask = capacity - 1;
    }

    public int Capacity => _slots.Length;

    public int Count => (int)(Volatile.Read(ref _tail.Value) - Volatile.Read(ref _head.Value));

    /// <summary>Producer only.</summary>
    public bool TryEnqueue(GatewayCommandKind kind, in Engine.Orders.Order order, long sequence)
    {
        var tail = _tail.Value;
        if (tail - Volatile.Read(ref _head.Value) >= _slots.Length) return false;
        ref var slot = ref _slots[tail & _mask];
        slot.Kind = kind;
        slot.Sequence = sequence;
        slot.Order = order;
        Volatile.Write(ref _tail.Value, tail + 1);
        return true;
    }

    /// <summary>Consumer only: the oldest command, left in the queue.</summary>
    public bool TryPeek(out GatewayCommand command)
    {
        var head = _head.Value;
        if (head == Volatile.Read(ref _tail.Value))
        {
            command = default;
            return false;
        }
        command = _slots[head & _mask];
        return true;
    }

    /// <summary>Consumer only: drop the command <see cref="TryPeek"/> returned.</summary>
    public void Advance() => Volatile.Write(ref _head.Value, _head.Value + 1);

    /// <summary>A counter alone on its cache line(s), so producer and consumer do not false-share.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct PaddedLong
    {
        [FieldOffset(64)]
        public long Value;
    }
}
