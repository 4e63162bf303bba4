using System.Text.Json;

namespace TBot.Adapters.Simulator.Binance;

/// <summary>Combined streams wrap each payload: {"stream":"btcusdt@depth","data":&lt;raw payload&gt;}.</summary>
internal static class BinanceCombinedEnvelopeWriter
{
    private static readonly JsonEncodedText Stream = JsonEncodedText.Encode("stream");
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");

    public static void Write(Utf8JsonWriter w, JsonEncodedText streamName, ReadOnlySpan<byte> rawPayload)
    {
        w.WriteStartObject();
        w.WriteString(Stream, streamName);
        w.WritePropertyName(Data);
        w.WriteRawValue(rawPayload, skipInputValidation: true);
        w.WriteEndObject();
    }
}
