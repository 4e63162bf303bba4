namespace TBot.Adapters.Ingress;

/// <summary>The kind of a control frame, so the connection can react (e.g. reconnect on a shutdown notice).</summary>
public enum ControlKind : byte
{
    None = 0,
    /// <summary>Subscribe/unsubscribe acknowledgement or subscription list.</summary>
    SubscriptionAck = 1,
    Heartbeat = 2,
    Pong = 3,
    /// <summary>The venue announced it will close the connection (Binance serverShutdown): reconnect now.</summary>
    ServerShutdown = 4,
    /// <summary>An error frame from the venue (also counted as a rejection with <c>VenueError</c>).</summary>
    Error = 5,
    /// <summary>Login/connection info frames (OKX "event":"login"/"channel-conn-count", …).</summary>
    Info = 6,
}
