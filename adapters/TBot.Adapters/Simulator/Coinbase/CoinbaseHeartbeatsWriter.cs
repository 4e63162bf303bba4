using System.Text.Json;
using TBot.Adapters.Simulator.Wire;

namespace TBot.Adapters.Simulator.Coinbase;

/// <summary>heartbeats: [{"current_time":"&lt;Go time.String()&gt;","heartbeat_counter":n}] (counter as an integer, as in production).</summary>
internal static class CoinbaseHeartbeatsWriter
{
    private static readonly JsonEncodedText ChannelName = JsonEncodedText.Encode("heartbeats");
    private static readonly JsonEncodedText CurrentTime = JsonEncodedText.Encode("current_time");
    private static readonly JsonEncodedText Counter = JsonEncodedText.Encode("heartbeat_counter");

    public static void Write(Utf8JsonWriter w, long nowNs, long monotonicNs, long counter, long sequenceNum)
    {
        CoinbaseEnvelopeWriter.Begin(w, ChannelName, nowNs, sequenceNum);
        w.WriteStartObject();
        Span<byte> text = stackalloc byte[80];
        var n = WireTime.FormatGoTime(nowNs, monotonicNs, text);
        WireJson.Ascii(w, CurrentTime, text[..n]);
        w.WriteNumber(Counter, counter);
        w.WriteEndObject();
        CoinbaseEnvelopeWriter.End(w);
    }
}
