using System.Net.WebSockets;

namespace TBot.Adapters.Connections;

/// <summary>Settings of a <see cref="WebSocketConnection"/>.</summary>
public sealed class WebSocketConnectionOptions
{
    public BackoffPolicy Backoff { get; set; } = BackoffPolicy.Default;

    /// <summary>
    /// Reconnect on schedule before the venue's maximum connection lifetime (Binance cuts at 24 h). The rotation
    /// is a plain reconnect (close, then open): simpler than opening the replacement first, at the cost of a
    /// short gap that book sync treats like any disconnect. Null disables it.
    /// </summary>
    public TimeSpan? RotateAfter { get; set; } = TimeSpan.FromHours(23);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a polite close handshake may take before the socket is aborted.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the control loop checks idle time, pings and rotation.</summary>
    public TimeSpan HousekeepingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Overrides the protocol's app-level ping interval; <see cref="Timeout.InfiniteTimeSpan"/> disables pings.</summary>
    public TimeSpan? PingAfterIdle { get; set; }

    /// <summary>Overrides the protocol's idle timeout; <see cref="Timeout.InfiniteTimeSpan"/> disables it.</summary>
    public TimeSpan? IdleTimeout { get; set; }

    /// <summary>A message larger than this ends the session (protects memory against a runaway peer).</summary>
    public int MaxFrameBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Free space kept ahead of each receive; the buffer grows when less is left.</summary>
    public int MinReceiveSpace { get; set; } = 4096;

    /// <summary>Extra socket settings (headers, proxy, keep-alive interval, …).</summary>
    public Action<ClientWebSocketOptions>? ConfigureSocket { get; set; }
}
