using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TBot.Engine.Ring;

/// <summary>
/// A monotonically increasing position in the ring, padded so that no other hot field shares its
/// cache line (64 bytes on x64, 128 on some ARM64 parts: we pad 56 bytes on each side of the value,
/// which together with the object header keeps the value alone on a 64-byte line and far from
/// neighbours on a 128-byte line).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Padding.Bytes * 2)]
public sealed class Sequence : ISequence
{
    /// <summary>The value every sequence starts at: nothing published or consumed yet.</summary>
    public const long InitialValue = -1;

    [FieldOffset(Padding.Bytes)]
    private long _value;

    public Sequence(long initialValue = InitialValue) => _value = initialValue;

    /// <summary>Acquire read: everything written before the matching release write is visible after it.</summary>
    public long Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _value);
    }

    /// <summary>Release write: publishes every earlier write of this thread (e.g. the event payload) with the value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetValue(long value) => Volatile.Write(ref _value, value);

    /// <summary>Sequentially consistent write (full fence): a later read of another location cannot move before it.
    /// Used where a store must be visible before a subsequent load (Dekker-style handshakes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetValueVolatile(long value) => Interlocked.Exchange(ref _value, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool CompareAndSet(long expected, long next) => Interlocked.CompareExchange(ref _value, next, expected) == expected;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long AddAndGet(long increment) => Interlocked.Add(ref _value, increment);

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
