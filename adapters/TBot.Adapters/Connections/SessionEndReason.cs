namespace TBot.Adapters.Connections;

/// <summary>Why a connection session ended.</summary>
public enum SessionEndReason : byte
{
    None = 0,
    /// <summary>The socket could not be opened (or the connect timed out).</summary>
    ConnectFailed = 1,
    /// <summary>The venue sent a close frame.</summary>
    ServerClosed = 2,
    /// <summary>The socket failed (reset, protocol error, …).</summary>
    Error = 3,
    /// <summary>The ingress thread asked for it (bad input flood, venue shutdown notice) or an operator did.</summary>
    ReconnectRequested = 4,
    /// <summary>Scheduled rotation ahead of the venue's maximum connection lifetime.</summary>
    Rotation = 5,
    /// <summary>Nothing arrived for longer than the idle timeout (also: no pong after an app-level ping).</summary>
    IdleTimeout = 6,
    /// <summary>A message exceeded the configured maximum frame size.</summary>
    FrameTooLarge = 7,
    /// <summary>The connection is being stopped.</summary>
    Stopping = 8,
}
