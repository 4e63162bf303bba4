using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Wire;

namespace TBot.Adapters.Simulator.Coinbase;

/// <summary>Exchange feed control: subscriptions ack {"type":"subscriptions","channels":[{"name","product_ids"}]} and heartbeat.</summary>
internal static class CoinbaseExchangeControlWriter
{
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Heartbeat = JsonEncodedText.Encode("heartbeat");
    private static readonly JsonEncodedText Sequence = JsonEncodedText.Encode("sequence");
    private static readonly JsonEncodedText LastTradeId = JsonEncodedText.Encode("last_trade_id");
    private static readonly JsonEncodedText ProductId = JsonEncodedText.Encode("product_id");
    private static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");

    public static void Subscriptions(Utf8JsonWriter w, IEnumerable<KeyValuePair<string, IReadOnlyCollection<string>>> channels)
    {
        w.WriteStartObject();
        w.WriteString("type", "subscriptions");
        w.WriteStartArray("channels");
        foreach (var (name, products) in channels)
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteStartArray("product_ids");
            foreach (var p in products) w.WriteStringValue(p);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteHeartbeat(Utf8JsonWriter w, InstrumentMarket m, JsonEncodedText product, long nowNs)
    {
        w.WriteStartObject();
        w.WriteString(Type, Heartbeat);
        w.WriteNumber(Sequence, m.Sequence);
        w.WriteNumber(LastTradeId, m.LastTradeId);
        w.WriteString(ProductId, product);
        WireJson.Rfc3339(w, Time, nowNs, 6);
        w.WriteEndObject();
    }
}
