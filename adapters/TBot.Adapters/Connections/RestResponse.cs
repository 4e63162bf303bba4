using System.Net;

namespace TBot.Adapters.Connections;

/// <summary>
/// A REST answer with its body in a pooled buffer. Dispose returns the buffer; <see cref="DetachBuffer"/> hands
/// it on instead (e.g. into a frame queue, whose consumer returns it).
/// </summary>
public sealed class RestResponse : IDisposable
{
    private readonly FramePool _pool;
    private byte[]? _buffer;

    internal RestResponse(FramePool pool, HttpStatusCode status, byte[] buffer, int length, long receiveTimeNs, TimeSpan? retryAfter, int attempts)
    {
        _pool = pool;
        StatusCode = status;
        _buffer = buffer;
        Length = length;
        ReceiveTimeNs = receiveTimeNs;
        RetryAfter = retryAfter;
        Attempts = attempts;
    }

    public HttpStatusCode StatusCode { get; }

    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;

    public int Length { get; }

    /// <summary>Unix epoch nanoseconds when the body was complete.</summary>
    public long ReceiveTimeNs { get; }

    /// <summary>The venue's Retry-After (429/418), if it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Requests made for this call (1 = no retry).</summary>
    public int Attempts { get; }

    public ReadOnlySpan<byte> Body => _buffer is null ? throw new ObjectDisposedException(nameof(RestResponse)) : _buffer.AsSpan(0, Length);

    /// <summary>Take the pooled buffer (the caller now returns it to the pool); <see cref="Dispose"/> then does nothing.</summary>
    public byte[] DetachBuffer()
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(RestResponse));
        _buffer = null;
        return buffer;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        _pool.Return(buffer);
    }
}
