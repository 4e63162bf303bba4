using System.Text.Json;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Connections.Protocols;

/// <summary>
/// OKX v5 public WebSocket (format doc §4): <c>{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"}]}</c>.
/// The server drops a connection with no data for 30 s, so after 25 s of silence we send the literal text
/// <c>ping</c> (it answers <c>pong</c>); if still nothing arrives within 10 s more, reconnect.
/// </summary>
public sealed class OkxProtocol(Uri? uri = null) : IVenueProtocol
{
    public static readonly Uri DefaultUri = new("wss://ws.okx.com:8443/ws/v5/public");

    /// <summary>Args per op message: far below the ~64 KB request size limit.</summary>
    public const int ArgsPerMessage = 100;

    private static readonly byte[] Ping = "ping"u8.ToArray();

    public Venue Venue => Venue.Okx;

    public int MaxSubscriptionsPerConnection => int.MaxValue;

    public Uri Uri { get; } = uri ?? DefaultUri;

    public ReadOnlyMemory<byte> PingMessage => Ping;

    public TimeSpan? PingAfterIdle => TimeSpan.FromSeconds(25);

    public TimeSpan? IdleTimeout => TimeSpan.FromSeconds(35);

    public Uri BuildUri(IReadOnlyList<StreamSubscription> subscriptions) => Uri;

    public IReadOnlyList<byte[]> BuildSubscribe(IReadOnlyList<StreamSubscription> subscriptions) => Build("subscribe", subscriptions);

    public IReadOnlyList<byte[]> BuildUnsubscribe(IReadOnlyList<StreamSubscription> subscriptions) => Build("unsubscribe", subscriptions);

    public IReadOnlyList<byte[]> BuildResubscribe(IReadOnlyList<StreamSubscription> subscriptions) =>
        [.. BuildUnsubscribe(subscriptions), .. BuildSubscribe(subscriptions)];

    /// <summary>books, books5, books-l2-tbt, books50-l2-tbt, bbo-tbt.</summary>
    public bool IsBookChannel(string channel) =>
        channel.StartsWith("books", StringComparison.Ordinal) || channel.StartsWith("bbo", StringComparison.Ordinal);

    private static List<byte[]> Build(string op, IReadOnlyList<StreamSubscription> subscriptions)
    {
        var messages = new List<byte[]>();
        foreach (var chunk in ProtocolJson.Chunks(subscriptions, ArgsPerMessage))
        {
            messages.Add(ProtocolJson.Write((op, chunk), static (w, s) =>
            {
                w.WriteStartObject();
                w.WriteString("op"u8, s.op);
                w.WriteStartArray("args"u8);
                foreach (var sub in s.chunk)
                {
                    w.WriteStartObject();
                    w.WriteString("channel"u8, sub.Channel);
                    w.WriteString("instId"u8, sub.Symbol);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }));
        }
        return messages;
    }
}
