using TBot.Engine.Instruments;

namespace TBot.Adapters.Connections;

/// <summary>
/// The venue-specific part of a stream connection: URL, subscribe/unsubscribe/resubscribe messages and
/// keep-alive rules. Message builders run at (re)connect and resync time only, so they may allocate.
/// </summary>
public interface IVenueProtocol
{
    Venue Venue { get; }

    /// <summary>Most subscriptions one connection may carry (Binance: 1024 streams).</summary>
    int MaxSubscriptionsPerConnection { get; }

    Uri BuildUri(IReadOnlyList<StreamSubscription> subscriptions);

    /// <summary>Messages to send after connecting, in order (each counts against the client-message limit).</summary>
    IReadOnlyList<byte[]> BuildSubscribe(IReadOnlyList<StreamSubscription> subscriptions);

    IReadOnlyList<byte[]> BuildUnsubscribe(IReadOnlyList<StreamSubscription> subscriptions);

    /// <summary>Messages that make the venue start these streams over (and send a fresh book snapshot where it
    /// does so on subscribe): unsubscribe, then subscribe.</summary>
    IReadOnlyList<byte[]> BuildResubscribe(IReadOnlyList<StreamSubscription> subscriptions);

    /// <summary>True for book channels: the ones a Resubscribe request for an instrument restarts.</summary>
    bool IsBookChannel(string channel);

    /// <summary>Application-level ping text (OKX "ping"); empty when the venue relies on WebSocket ping frames,
    /// which <see cref="System.Net.WebSockets.ClientWebSocket"/> answers by itself.</summary>
    ReadOnlyMemory<byte> PingMessage { get; }

    /// <summary>Send <see cref="PingMessage"/> when nothing arrived for this long; null = never.</summary>
    TimeSpan? PingAfterIdle { get; }

    /// <summary>Reconnect when nothing at all arrived for this long; null = never.</summary>
    TimeSpan? IdleTimeout { get; }
}
