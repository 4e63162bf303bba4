using System.Buffers;
using System.Runtime.InteropServices;

namespace TBot.Adapters.Connections;

/// <summary>
/// Byte buffers for received frames, rented by socket readers and returned by the ingress thread. Backed by a
/// private <see cref="ArrayPool{T}"/> sized for frames in flight (ArrayPool.Shared keeps few arrays per size
/// and per core, which a queue of hundreds of in-flight frames would exhaust and fall back to allocating).
/// Large frames grow by doubling; arrays above <see cref="MaxPooledLength"/> are allocated and dropped.
/// </summary>
public sealed class FramePool
{
    private readonly ArrayPool<byte> _pool;
    private Counters _counters;

    /// <param name="defaultLength">What a reader rents for a new frame; most market-data frames fit.</param>
    /// <param name="maxPooledLength">Largest array kept for reuse.</param>
    /// <param name="buffersPerSize">Arrays kept per size class (at least the frames you expect in flight).</param>
    public FramePool(int defaultLength = 8 * 1024, int maxPooledLength = 16 * 1024 * 1024, int buffersPerSize = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(defaultLength, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPooledLength, defaultLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(buffersPerSize, 1);
        DefaultLength = defaultLength;
        MaxPooledLength = maxPooledLength;
        _pool = ArrayPool<byte>.Create(maxPooledLength, buffersPerSize);
    }

    public int DefaultLength { get; }

    public int MaxPooledLength { get; }

    public long Rented => Volatile.Read(ref _counters.Rented);

    public long Returned => Volatile.Read(ref _counters.Returned);

    /// <summary>Times a frame outgrew its buffer.</summary>
    public long Grown => Volatile.Read(ref _counters.Grown);

    /// <summary>Buffers rented and not yet returned (frames in flight).</summary>
    public long Outstanding => Rented - Returned;

    public byte[] Rent(int minimumLength = 0)
    {
        Interlocked.Increment(ref _counters.Rented);
        return _pool.Rent(Math.Max(minimumLength, DefaultLength));
    }

    public void Return(byte[]? buffer)
    {
        if (buffer is null) return;
        Interlocked.Increment(ref _counters.Returned);
        _pool.Return(buffer);
    }

    /// <summary>A buffer of at least <paramref name="minimumLength"/> holding the first <paramref name="used"/> bytes
    /// of <paramref name="buffer"/>, which goes back to the pool.</summary>
    public byte[] Grow(byte[] buffer, int used, int minimumLength)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var length = (int)Math.Min(Array.MaxLength, Math.Max((long)minimumLength, 2L * buffer.Length));
        var bigger = _pool.Rent(length);
        buffer.AsSpan(0, used).CopyTo(bigger);
        _pool.Return(buffer);
        Interlocked.Increment(ref _counters.Grown);
        return bigger;
    }

    /// <summary>Rent and return run on different threads: keep their counters on different cache lines.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct Counters
    {
        [FieldOffset(64)] public long Rented;
        [FieldOffset(128)] public long Returned;
        [FieldOffset(136)] public long Grown;
    }
}
