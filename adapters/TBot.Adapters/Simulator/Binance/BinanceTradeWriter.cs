using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Engine.Events;

namespace TBot.Adapters.Simulator.Binance;

/// <summary>&lt;symbol&gt;@trade: {"e":"trade","E","s","t","p","q","T","m","M"}; m = buyer is maker (the seller was the aggressor).</summary>
internal static class BinanceTradeWriter
{
    private static readonly JsonEncodedText E = JsonEncodedText.Encode("e");
    private static readonly JsonEncodedText EventTime = JsonEncodedText.Encode("E");
    private static readonly JsonEncodedText S = JsonEncodedText.Encode("s");
    private static readonly JsonEncodedText T = JsonEncodedText.Encode("t");
    private static readonly JsonEncodedText P = JsonEncodedText.Encode("p");
    private static readonly JsonEncodedText Q = JsonEncodedText.Encode("q");
    private static readonly JsonEncodedText TradeTime = JsonEncodedText.Encode("T");
    private static readonly JsonEncodedText BuyerMaker = JsonEncodedText.Encode("m");
    private static readonly JsonEncodedText Ignore = JsonEncodedText.Encode("M");
    private static readonly JsonEncodedText TradeName = JsonEncodedText.Encode("trade");

    public static void Write(Utf8JsonWriter w, InstrumentMarket m, in TradePrint t, JsonEncodedText symbol, long eventTimeMs)
    {
        w.WriteStartObject();
        w.WriteString(E, TradeName);
        w.WriteNumber(EventTime, eventTimeMs);
        w.WriteString(S, symbol);
        w.WriteNumber(T, t.TradeId);
        BinanceWire.Price(w, P, m, t.Price);
        BinanceWire.Quantity(w, Q, m, t.Quantity);
        w.WriteNumber(TradeTime, eventTimeMs);
        w.WriteBoolean(BuyerMaker, t.Aggressor == Side.Sell);
        w.WriteBoolean(Ignore, true);
        w.WriteEndObject();
    }
}
