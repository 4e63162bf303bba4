using System.Text.Json;

namespace TBot.Adapters.Simulator.Coinbase;

/// <summary>The subscriptions acknowledgement: [{"subscriptions":{"level2":["BTC-USD"],"heartbeats":["heartbeats"]}}].</summary>
internal static class CoinbaseSubscriptionsWriter
{
    private static readonly JsonEncodedText ChannelName = JsonEncodedText.Encode("subscriptions");
    private static readonly JsonEncodedText Subscriptions = JsonEncodedText.Encode("subscriptions");

    public static void Write(Utf8JsonWriter w, IEnumerable<KeyValuePair<string, IReadOnlyCollection<string>>> channels, long nowNs, long sequenceNum)
    {
        CoinbaseEnvelopeWriter.Begin(w, ChannelName, nowNs, sequenceNum);
        w.WriteStartObject();
        w.WriteStartObject(Subscriptions);
        foreach (var (channel, products) in channels)
        {
            w.WriteStartArray(channel);
            foreach (var p in products) w.WriteStringValue(p);
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteEndObject();
        CoinbaseEnvelopeWriter.End(w);
    }

    /// <summary>{"type":"error","message":".."} (Advanced Trade) — with "reason" on the Exchange feed.</summary>
    public static void Error(Utf8JsonWriter w, string message, string? reason)
    {
        w.WriteStartObject();
        w.WriteString("type", "error");
        w.WriteString("message", message);
        if (reason is not null) w.WriteString("reason", reason);
        w.WriteEndObject();
    }
}
