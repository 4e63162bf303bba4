using System.Text.Json;
using TBot.Adapters.Simulator.Wire;

namespace TBot.Adapters.Simulator.Coinbase;

/// <summary>Advanced Trade envelope: {"channel":..,"client_id":"","timestamp":..,"sequence_num":n,"events":[ ... ]}.</summary>
internal static class CoinbaseEnvelopeWriter
{
    private static readonly JsonEncodedText Channel = JsonEncodedText.Encode("channel");
    private static readonly JsonEncodedText ClientId = JsonEncodedText.Encode("client_id");
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText SequenceNum = JsonEncodedText.Encode("sequence_num");
    private static readonly JsonEncodedText Events = JsonEncodedText.Encode("events");

    public static void Begin(Utf8JsonWriter w, JsonEncodedText channel, long timestampNs, long sequenceNum)
    {
        w.WriteStartObject();
        w.WriteString(Channel, channel);
        w.WriteString(ClientId, ""u8);
        WireJson.Rfc3339(w, Timestamp, timestampNs, 9);
        w.WriteNumber(SequenceNum, sequenceNum);
        w.WriteStartArray(Events);
    }

    public static void End(Utf8JsonWriter w)
    {
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
