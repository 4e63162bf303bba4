namespace TBot.Adapters.Connections;

/// <summary>Where a <see cref="WebSocketConnection"/> is in its life.</summary>
public enum ConnectionState : byte
{
    /// <summary>Constructed, not started.</summary>
    Created = 0,
    /// <summary>Waiting for the connect budget, or opening the socket.</summary>
    Connecting = 1,
    /// <summary>Open; sending the subscribe messages.</summary>
    Subscribing = 2,
    /// <summary>Open and subscribed: frames flow.</summary>
    Open = 3,
    /// <summary>Closed; waiting (backoff) before the next attempt.</summary>
    Backoff = 4,
    /// <summary>Stopped for good (cancelled or disposed).</summary>
    Stopped = 5,
}
