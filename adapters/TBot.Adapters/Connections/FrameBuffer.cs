namespace TBot.Adapters.Connections;

/// <summary>
/// The message being assembled by one reader: receive fragments into <see cref="GetFreeMemory"/>, then
/// <see cref="Detach"/> the filled buffer for the queue (ownership moves with it; the next message rents
/// afresh). Grows from the pool when a frame does not fit. Used by one thread at a time.
/// </summary>
public sealed class FrameBuffer(FramePool pool)
{
    private byte[]? _buffer;

    public FramePool Pool { get; } = pool;

    /// <summary>Bytes of the current message so far.</summary>
    public int Length { get; private set; }

    /// <summary>Free space after the current bytes, at least <paramref name="minimumFree"/> bytes (grows if needed).</summary>
    public Memory<byte> GetFreeMemory(int minimumFree)
    {
        _buffer ??= Pool.Rent();
        if (_buffer.Length - Length < minimumFree) _buffer = Pool.Grow(_buffer, Length, Length + minimumFree);
        return _buffer.AsMemory(Length);
    }

    /// <summary>Count <paramref name="count"/> bytes written into the memory from <see cref="GetFreeMemory"/>.</summary>
    public void Advance(int count)
    {
        if (_buffer is null || count < 0 || Length + count > _buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));
        Length += count;
    }

    /// <summary>Hand over the buffer and its length; this instance starts a new, empty message.</summary>
    public byte[] Detach(out int length)
    {
        var buffer = _buffer ?? Pool.Rent();
        length = Length;
        _buffer = null;
        Length = 0;
        return buffer;
    }

    /// <summary>Drop the current bytes but keep the buffer.</summary>
    public void Reset() => Length = 0;

    /// <summary>Give the buffer back to the pool (end of session).</summary>
    public void Release()
    {
        Pool.Return(_buffer);
        _buffer = null;
        Length = 0;
    }
}
