namespace TBot.Adapters.Connections;

/// <summary>What the ingress thread (or an operator) asks a connection to do.</summary>
public enum ConnectionRequestKind : byte
{
    /// <summary>Close and re-open the connection now (no backoff).</summary>
    Reconnect = 1,
    /// <summary>Unsubscribe and subscribe the instrument's book channel again, so the venue sends a fresh snapshot.</summary>
    Resubscribe = 2,
    /// <summary>Internal: the connection's housekeeping timer (pings, idle timeout, rotation).</summary>
    Tick = 100,
}

/// <summary>
/// A request to a connection's control loop. <see cref="Epoch"/> is the session the request is about
/// (from the <see cref="FrameHandleKind.Connected"/> marker the ingress thread saw); a request for an older
/// session is ignored, so that bad frames of a dropped session cannot tear down its replacement. 0 = current.
/// </summary>
public readonly record struct ConnectionRequest(ConnectionRequestKind Kind, int InstrumentId = 0, int Epoch = 0);
