namespace TBot.Adapters.Connections;

/// <summary>Counters of one connection, written by its loops and readable from any thread.</summary>
public sealed class ConnectionStats
{
    private long _connectAttempts, _connects, _connectFailures, _disconnects, _rotations, _pings;
    private long _frames, _bytes, _messagesSent, _bytesSent, _oversized;
    private string? _lastError;
    private long _lastErrorUnixMs;
    private int _lastEnd;

    public long ConnectAttempts => Volatile.Read(ref _connectAttempts);

    /// <summary>Successful connects (sessions opened).</summary>
    public long Connects => Volatile.Read(ref _connects);

    /// <summary>Sessions opened after the first one.</summary>
    public long Reconnects => Math.Max(0, Connects - 1);

    public long ConnectFailures => Volatile.Read(ref _connectFailures);

    public long Disconnects => Volatile.Read(ref _disconnects);

    public long Rotations => Volatile.Read(ref _rotations);

    /// <summary>Application-level pings sent (OKX "ping").</summary>
    public long PingsSent => Volatile.Read(ref _pings);

    /// <summary>Complete messages received and queued.</summary>
    public long FramesReceived => Volatile.Read(ref _frames);

    public long BytesReceived => Volatile.Read(ref _bytes);

    public long MessagesSent => Volatile.Read(ref _messagesSent);

    public long BytesSent => Volatile.Read(ref _bytesSent);

    /// <summary>Messages over the size limit (each ended its session).</summary>
    public long OversizedFrames => Volatile.Read(ref _oversized);

    /// <summary>Last error text (exception type and message, or the close status), null if none yet.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    public DateTimeOffset? LastErrorTime
    {
        get
        {
            var ms = Volatile.Read(ref _lastErrorUnixMs);
            return ms == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }
    }

    public SessionEndReason LastSessionEnd => (SessionEndReason)Volatile.Read(ref _lastEnd);

    internal void AddConnectAttempt() => Interlocked.Increment(ref _connectAttempts);
    internal void AddConnect() => Interlocked.Increment(ref _connects);
    internal void AddConnectFailure() => Interlocked.Increment(ref _connectFailures);
    internal void AddRotation() => Interlocked.Increment(ref _rotations);
    internal void AddPing() => Interlocked.Increment(ref _pings);
    internal void AddOversized() => Interlocked.Increment(ref _oversized);

    internal void AddDisconnect(SessionEndReason reason)
    {
        Interlocked.Increment(ref _disconnects);
        Volatile.Write(ref _lastEnd, (int)reason);
    }

    /// <summary>Reader thread only (one writer), so no interlocked add is needed; readers see whole values.</summary>
    internal void AddFrame(int bytes)
    {
        Volatile.Write(ref _frames, _frames + 1);
        Volatile.Write(ref _bytes, _bytes + bytes);
    }

    internal void AddSent(int bytes)
    {
        Interlocked.Increment(ref _messagesSent);
        Interlocked.Add(ref _bytesSent, bytes);
    }

    internal void SetError(string error, DateTimeOffset when)
    {
        Volatile.Write(ref _lastError, error);
        Volatile.Write(ref _lastErrorUnixMs, Math.Max(1, when.ToUnixTimeMilliseconds()));
    }
}
