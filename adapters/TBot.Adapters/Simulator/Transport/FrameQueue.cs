using System.Buffers;
using System.Buffers.Binary;

namespace TBot.Adapters.Simulator.Transport;

/// <summary>
/// A connection's outbox: frames are copied back to back into one pooled byte array ([length][kind][bytes]...),
/// and the send loop swaps the whole array out at once, so thousands of frames cost one lock round-trip for the
/// reader and no per-frame allocation. Bounded: a consumer that falls too far behind is cut off, as real venues
/// do with slow consumers.
/// </summary>
internal sealed class FrameQueue
{
    private const int HeaderSize = 8;

    private readonly Lock _gate = new();
    private readonly long _maxBytes;
    private byte[] _pending;
    private int _length;

    public FrameQueue(long maxBytes, int initialCapacity = 64 * 1024)
    {
        _maxBytes = maxBytes;
        _pending = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    /// <summary>Set once the queue exceeded its bound; nothing more is accepted.</summary>
    public bool Overflowed { get; private set; }

    public bool IsEmpty
    {
        get
        {
            lock (_gate) return _length == 0;
        }
    }

    /// <summary>Append a frame; false if the connection is over its bound (and is now marked overflowed).</summary>
    public bool Enqueue(ReadOnlySpan<byte> frame, OutboundFrameKind kind = OutboundFrameKind.Text)
    {
        lock (_gate)
        {
            // Control records (close/abort) still go in after an overflow so the connection can be ended in order.
            if (Overflowed && kind == OutboundFrameKind.Text) return false;
            var needed = _length + HeaderSize + frame.Length;
            if (needed > _maxBytes && kind == OutboundFrameKind.Text)
            {
                Overflowed = true;
                return false;
            }
            if (needed > _pending.Length) Grow(needed);
            var span = _pending.AsSpan(_length);
            BinaryPrimitives.WriteInt32LittleEndian(span, frame.Length);
            BinaryPrimitives.WriteInt32LittleEndian(span[4..], (int)kind);
            frame.CopyTo(span[HeaderSize..]);
            _length = needed;
            return true;
        }
    }

    private void Grow(int needed)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _pending.Length * 2));
        _pending.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_pending);
        _pending = bigger;
    }

    /// <summary>
    /// Swap the pending frames out: <paramref name="drained"/> (the caller's empty array, or null) becomes the new
    /// pending array; returns the byte count now in <paramref name="drained"/>.
    /// </summary>
    public int TakeAll(ref byte[]? drained)
    {
        lock (_gate)
        {
            if (_length == 0) return 0;
            var full = _pending;
            var n = _length;
            _pending = drained ?? ArrayPool<byte>.Shared.Rent(Math.Min(full.Length, 64 * 1024));
            _length = 0;
            drained = full;
            return n;
        }
    }

    /// <summary>Read the record at <paramref name="offset"/> of a drained array; returns the next offset.</summary>
    public static int Read(byte[] drained, int offset, out OutboundFrameKind kind, out ReadOnlyMemory<byte> frame)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(drained.AsSpan(offset));
        kind = (OutboundFrameKind)BinaryPrimitives.ReadInt32LittleEndian(drained.AsSpan(offset + 4));
        frame = drained.AsMemory(offset + HeaderSize, length);
        return offset + HeaderSize + length;
    }

    public void Release()
    {
        lock (_gate)
        {
            _length = 0;
            Overflowed = true;
        }
    }
}
