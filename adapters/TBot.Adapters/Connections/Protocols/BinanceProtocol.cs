using System.Text.Json;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Connections.Protocols;

/// <summary>
/// Binance spot market streams (format doc §1): connect to <c>/stream</c> (combined envelope
/// <c>{"stream":…,"data":…}</c>) or <c>/ws</c> (raw payloads) and SUBSCRIBE live with
/// <c>{"method":"SUBSCRIBE","params":["btcusdt@depth@100ms",…],"id":1}</c>. Stream names use the lower-case
/// symbol. Keep-alive is the server's WebSocket ping every 20 s, answered by ClientWebSocket; no app-level ping.
/// </summary>
public sealed class BinanceProtocol(Uri? baseUri = null, bool combined = true, TimeSpan? idleTimeout = null) : IVenueProtocol
{
    public static readonly Uri DefaultBaseUri = new("wss://stream.binance.com:9443");

    /// <summary>Streams per SUBSCRIBE message: keeps messages small; 1024 streams take 6 messages.</summary>
    public const int StreamsPerMessage = 200;

    private long _nextId;

    public Venue Venue => Venue.Binance;

    public int MaxSubscriptionsPerConnection => 1024;

    public Uri BaseUri { get; } = baseUri ?? DefaultBaseUri;

    public ReadOnlyMemory<byte> PingMessage => ReadOnlyMemory<byte>.Empty;

    public TimeSpan? PingAfterIdle => null;

    /// <summary>None by default: quiet streams (depth of an illiquid symbol) may legitimately send nothing for minutes.</summary>
    public TimeSpan? IdleTimeout => idleTimeout;

    public static string StreamName(StreamSubscription subscription) => subscription.Symbol.ToLowerInvariant() + "@" + subscription.Channel;

    public Uri BuildUri(IReadOnlyList<StreamSubscription> subscriptions) =>
        new(BaseUri.AbsoluteUri.TrimEnd('/') + (combined ? "/stream" : "/ws"));

    public IReadOnlyList<byte[]> BuildSubscribe(IReadOnlyList<StreamSubscription> subscriptions) => Build("SUBSCRIBE", subscriptions);

    public IReadOnlyList<byte[]> BuildUnsubscribe(IReadOnlyList<StreamSubscription> subscriptions) => Build("UNSUBSCRIBE", subscriptions);

    public IReadOnlyList<byte[]> BuildResubscribe(IReadOnlyList<StreamSubscription> subscriptions) =>
        [.. BuildUnsubscribe(subscriptions), .. BuildSubscribe(subscriptions)];

    public bool IsBookChannel(string channel) => channel.StartsWith("depth", StringComparison.Ordinal);

    private List<byte[]> Build(string method, IReadOnlyList<StreamSubscription> subscriptions)
    {
        var messages = new List<byte[]>();
        foreach (var chunk in ProtocolJson.Chunks(subscriptions, StreamsPerMessage))
        {
            var id = Interlocked.Increment(ref _nextId);
            messages.Add(ProtocolJson.Write((method, chunk, id), static (w, s) =>
            {
                w.WriteStartObject();
                w.WriteString("method"u8, s.method);
                w.WriteStartArray("params"u8);
                foreach (var sub in s.chunk) w.WriteStringValue(StreamName(sub));
                w.WriteEndArray();
                w.WriteNumber("id"u8, s.id);
                w.WriteEndObject();
            }));
        }
        return messages;
    }
}
