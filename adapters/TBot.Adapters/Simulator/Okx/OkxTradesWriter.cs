using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Wire;
using TBot.Engine.Events;

namespace TBot.Adapters.Simulator.Okx;

/// <summary>trades: {"arg",..,"data":[{"instId","tradeId":"..","px","sz","side":"buy"|"sell"(taker),"ts","count":"1"}]}.</summary>
internal static class OkxTradesWriter
{
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    internal static readonly JsonEncodedText Channel = JsonEncodedText.Encode("trades");
    private static readonly JsonEncodedText InstId = JsonEncodedText.Encode("instId");
    private static readonly JsonEncodedText TradeId = JsonEncodedText.Encode("tradeId");
    private static readonly JsonEncodedText Px = JsonEncodedText.Encode("px");
    private static readonly JsonEncodedText Sz = JsonEncodedText.Encode("sz");
    private static readonly JsonEncodedText SideName = JsonEncodedText.Encode("side");
    private static readonly JsonEncodedText Ts = JsonEncodedText.Encode("ts");
    private static readonly JsonEncodedText Count = JsonEncodedText.Encode("count");
    private static readonly JsonEncodedText Buy = JsonEncodedText.Encode("buy");
    private static readonly JsonEncodedText Sell = JsonEncodedText.Encode("sell");

    public static void Write(Utf8JsonWriter w, InstrumentMarket m, in TradePrint t, JsonEncodedText instId, long timeNs)
    {
        w.WriteStartObject();
        OkxWire.WriteArg(w, Channel, instId);
        w.WriteStartArray(Data);
        w.WriteStartObject();
        w.WriteString(InstId, instId);
        WireJson.IntegerString(w, TradeId, t.TradeId);
        OkxWire.Price(w, Px, m, t.Price);
        OkxWire.Size(w, Sz, m, t.Quantity);
        w.WriteString(SideName, t.Aggressor == Side.Buy ? Buy : Sell);
        WireJson.IntegerString(w, Ts, WireTime.ToUnixMs(timeNs));
        WireJson.Ascii(w, Count, "1"u8);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
