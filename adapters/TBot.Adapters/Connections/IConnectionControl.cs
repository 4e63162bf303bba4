using TBot.Engine.Instruments;

namespace TBot.Adapters.Connections;

/// <summary>The ingress loop's handle on a stream connection: where reconnect/resubscribe requests go.</summary>
public interface IConnectionControl
{
    Venue Venue { get; }

    int ConnectionId { get; }

    /// <summary>Queue a request for the connection's control loop. Thread-safe, never blocks; false if the
    /// connection no longer accepts requests.</summary>
    bool Post(ConnectionRequest request);
}
