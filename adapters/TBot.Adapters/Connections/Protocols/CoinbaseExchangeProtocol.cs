using TBot.Engine.Instruments;

namespace TBot.Adapters.Connections.Protocols;

/// <summary>
/// The older Coinbase Exchange feed (format doc B): <c>{"type":"subscribe","product_ids":[..],"channels":[..]}</c>.
/// Every connection also subscribes <c>heartbeat</c> (one per product per second), so 10 s of silence means the
/// connection is dead. Resubscribing <c>level2</c>/<c>level2_batch</c> brings a fresh snapshot.
/// </summary>
public sealed class CoinbaseExchangeProtocol(Uri? uri = null) : IVenueProtocol
{
    public static readonly Uri DefaultUri = new("wss://ws-feed.exchange.coinbase.com");

    public const string HeartbeatChannel = "heartbeat";

    public Venue Venue => Venue.Coinbase;

    public int MaxSubscriptionsPerConnection => int.MaxValue;

    public Uri Uri { get; } = uri ?? DefaultUri;

    public ReadOnlyMemory<byte> PingMessage => ReadOnlyMemory<byte>.Empty;

    public TimeSpan? PingAfterIdle => null;

    public TimeSpan? IdleTimeout => TimeSpan.FromSeconds(10);

    public Uri BuildUri(IReadOnlyList<StreamSubscription> subscriptions) => Uri;

    public IReadOnlyList<byte[]> BuildSubscribe(IReadOnlyList<StreamSubscription> subscriptions) => [Message("subscribe", subscriptions, withHeartbeat: true)];

    public IReadOnlyList<byte[]> BuildUnsubscribe(IReadOnlyList<StreamSubscription> subscriptions) => [Message("unsubscribe", subscriptions, withHeartbeat: false)];

    public IReadOnlyList<byte[]> BuildResubscribe(IReadOnlyList<StreamSubscription> subscriptions) =>
        [Message("unsubscribe", subscriptions, withHeartbeat: false), Message("subscribe", subscriptions, withHeartbeat: false)];

    public bool IsBookChannel(string channel) => channel.StartsWith("level2", StringComparison.Ordinal);

    private static byte[] Message(string type, IReadOnlyList<StreamSubscription> subscriptions, bool withHeartbeat)
    {
        var products = new List<string>();
        var channels = new List<string>();
        foreach (var s in subscriptions)
        {
            if (!products.Contains(s.Symbol)) products.Add(s.Symbol);
            if (!channels.Contains(s.Channel)) channels.Add(s.Channel);
        }
        if (withHeartbeat && !channels.Contains(HeartbeatChannel)) channels.Add(HeartbeatChannel);
        return ProtocolJson.Write((type, products, channels), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("type"u8, s.type);
            w.WriteStartArray("product_ids"u8);
            foreach (var p in s.products) w.WriteStringValue(p);
            w.WriteEndArray();
            w.WriteStartArray("channels"u8);
            foreach (var c in s.channels) w.WriteStringValue(c);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
