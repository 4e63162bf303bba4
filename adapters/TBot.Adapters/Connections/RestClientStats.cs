namespace TBot.Adapters.Connections;

/// <summary>Counters of a <see cref="RestClient"/> (thread-safe).</summary>
public sealed class RestClientStats
{
    private long _requests, _retries, _rateLimited, _banned, _serverErrors, _transportErrors, _bytesReceived, _bytesSent;

    /// <summary>Response body bytes read (headers and TLS not counted).</summary>
    public long BytesReceived => Volatile.Read(ref _bytesReceived);

    /// <summary>Request bytes sent: request line target and body (headers and TLS not counted).</summary>
    public long BytesSent => Volatile.Read(ref _bytesSent);

    /// <summary>HTTP requests sent (retries included).</summary>
    public long Requests => Volatile.Read(ref _requests);

    public long Retries => Volatile.Read(ref _retries);

    /// <summary>429 answers.</summary>
    public long RateLimited => Volatile.Read(ref _rateLimited);

    /// <summary>418 answers (IP ban).</summary>
    public long Banned => Volatile.Read(ref _banned);

    public long ServerErrors => Volatile.Read(ref _serverErrors);

    public long TransportErrors => Volatile.Read(ref _transportErrors);

    internal void AddRequest() => Interlocked.Increment(ref _requests);
    internal void AddReceived(long bytes) => Interlocked.Add(ref _bytesReceived, bytes);
    internal void AddSent(long bytes) => Interlocked.Add(ref _bytesSent, bytes);
    internal void AddRetry() => Interlocked.Increment(ref _retries);
    internal void AddRateLimited() => Interlocked.Increment(ref _rateLimited);
    internal void AddBanned() => Interlocked.Increment(ref _banned);
    internal void AddServerError() => Interlocked.Increment(ref _serverErrors);
    internal void AddTransportError() => Interlocked.Increment(ref _transportErrors);
}
