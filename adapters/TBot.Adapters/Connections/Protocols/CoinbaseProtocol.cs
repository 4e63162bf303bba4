using System.Text.Json;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Connections.Protocols;

/// <summary>
/// Coinbase Advanced Trade WebSocket (format doc A.1–A.2): one channel per subscribe message,
/// <c>{"type":"subscribe","product_ids":["BTC-USD"],"channel":"level2"}</c>. Channels close after 60–90 s without
/// updates, so every connection also subscribes <c>heartbeats</c> (one per second); silence for 10 s means the
/// connection is dead. Products are grouped per channel.
/// </summary>
public sealed class CoinbaseProtocol(Uri? uri = null) : IVenueProtocol
{
    public static readonly Uri DefaultUri = new("wss://advanced-trade-ws.coinbase.com");

    public const string HeartbeatsChannel = "heartbeats";

    /// <summary>Products per subscribe message.</summary>
    public const int ProductsPerMessage = 100;

    public Venue Venue => Venue.Coinbase;

    public int MaxSubscriptionsPerConnection => int.MaxValue;

    public Uri Uri { get; } = uri ?? DefaultUri;

    public ReadOnlyMemory<byte> PingMessage => ReadOnlyMemory<byte>.Empty;

    public TimeSpan? PingAfterIdle => null;

    public TimeSpan? IdleTimeout => TimeSpan.FromSeconds(10);

    public Uri BuildUri(IReadOnlyList<StreamSubscription> subscriptions) => Uri;

    public IReadOnlyList<byte[]> BuildSubscribe(IReadOnlyList<StreamSubscription> subscriptions)
    {
        var messages = new List<byte[]> { Message("subscribe", HeartbeatsChannel, []) };
        messages.AddRange(Build("subscribe", subscriptions));
        return messages;
    }

    public IReadOnlyList<byte[]> BuildUnsubscribe(IReadOnlyList<StreamSubscription> subscriptions) => Build("unsubscribe", subscriptions);

    public IReadOnlyList<byte[]> BuildResubscribe(IReadOnlyList<StreamSubscription> subscriptions) =>
        [.. Build("unsubscribe", subscriptions), .. Build("subscribe", subscriptions)];

    public bool IsBookChannel(string channel) => channel == "level2";

    private static List<byte[]> Build(string type, IReadOnlyList<StreamSubscription> subscriptions)
    {
        var messages = new List<byte[]>();
        var byChannel = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var sub in subscriptions)
        {
            if (sub.Channel == HeartbeatsChannel) continue; // always subscribed on connect, never restarted
            if (!byChannel.TryGetValue(sub.Channel, out var products))
            {
                byChannel[sub.Channel] = products = [];
                order.Add(sub.Channel);
            }
            if (!products.Contains(sub.Symbol)) products.Add(sub.Symbol);
        }
        foreach (var channel in order)
            foreach (var chunk in ProtocolJson.Chunks(byChannel[channel], ProductsPerMessage))
                messages.Add(Message(type, channel, chunk));
        return messages;
    }

    private static byte[] Message(string type, string channel, IReadOnlyList<string> products) =>
        ProtocolJson.Write((type, channel, products), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("type"u8, s.type);
            if (s.products.Count > 0)
            {
                w.WriteStartArray("product_ids"u8);
                foreach (var p in s.products) w.WriteStringValue(p);
                w.WriteEndArray();
            }
            w.WriteString("channel"u8, s.channel);
            w.WriteEndObject();
        });
}
