using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Engine.Events;

namespace TBot.Adapters.Simulator.Binance;

/// <summary>&lt;symbol&gt;@depth: {"e":"depthUpdate","E":..,"s":..,"U":first,"u":last,"b":[[p,q]],"a":[[p,q]]}; U = previous u + 1.</summary>
internal static class BinanceDepthUpdateWriter
{
    private static readonly JsonEncodedText E = JsonEncodedText.Encode("e");
    private static readonly JsonEncodedText EventTime = JsonEncodedText.Encode("E");
    private static readonly JsonEncodedText S = JsonEncodedText.Encode("s");
    private static readonly JsonEncodedText First = JsonEncodedText.Encode("U");
    private static readonly JsonEncodedText Last = JsonEncodedText.Encode("u");
    private static readonly JsonEncodedText B = JsonEncodedText.Encode("b");
    private static readonly JsonEncodedText A = JsonEncodedText.Encode("a");
    private static readonly JsonEncodedText DepthUpdate = JsonEncodedText.Encode("depthUpdate");

    public static void Write(Utf8JsonWriter w, MarketStep step, JsonEncodedText symbol, long eventTimeMs)
    {
        var m = step.Market;
        w.WriteStartObject();
        w.WriteString(E, DepthUpdate);
        w.WriteNumber(EventTime, eventTimeMs);
        w.WriteString(S, symbol);
        w.WriteNumber(First, step.FirstSequence);
        w.WriteNumber(Last, step.LastSequence);
        WriteSide(w, B, step, Side.Buy, m);
        WriteSide(w, A, step, Side.Sell, m);
        w.WriteEndObject();
    }

    private static void WriteSide(Utf8JsonWriter w, JsonEncodedText name, MarketStep step, Side side, InstrumentMarket m)
    {
        w.WriteStartArray(name);
        foreach (ref readonly var c in step.Changes)
        {
            if (c.Side == side) BinanceWire.Level(w, m, c.Price, c.Quantity);
        }
        w.WriteEndArray();
    }
}
