using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Engine.Events;

namespace TBot.Adapters.Simulator.Binance;

/// <summary>
/// &lt;symbol&gt;@aggTrade: {"e":"aggTrade","E","s","a","p","q","f","l","T","m","M"}. Each simulated print is one
/// taker order at one price, so f == l == the trade id; the aggregate id runs on its own (offset) counter so a
/// client that confuses a/t is caught.
/// </summary>
internal static class BinanceAggTradeWriter
{
    internal const long AggregateIdOffset = 10_000_000;

    private static readonly JsonEncodedText E = JsonEncodedText.Encode("e");
    private static readonly JsonEncodedText EventTime = JsonEncodedText.Encode("E");
    private static readonly JsonEncodedText S = JsonEncodedText.Encode("s");
    private static readonly JsonEncodedText A = JsonEncodedText.Encode("a");
    private static readonly JsonEncodedText P = JsonEncodedText.Encode("p");
    private static readonly JsonEncodedText Q = JsonEncodedText.Encode("q");
    private static readonly JsonEncodedText F = JsonEncodedText.Encode("f");
    private static readonly JsonEncodedText L = JsonEncodedText.Encode("l");
    private static readonly JsonEncodedText TradeTime = JsonEncodedText.Encode("T");
    private static readonly JsonEncodedText BuyerMaker = JsonEncodedText.Encode("m");
    private static readonly JsonEncodedText Ignore = JsonEncodedText.Encode("M");
    private static readonly JsonEncodedText AggTrade = JsonEncodedText.Encode("aggTrade");

    public static void Write(Utf8JsonWriter w, InstrumentMarket m, in TradePrint t, JsonEncodedText symbol, long eventTimeMs)
    {
        w.WriteStartObject();
        w.WriteString(E, AggTrade);
        w.WriteNumber(EventTime, eventTimeMs);
        w.WriteString(S, symbol);
        w.WriteNumber(A, t.TradeId - AggregateIdOffset);
        BinanceWire.Price(w, P, m, t.Price);
        BinanceWire.Quantity(w, Q, m, t.Quantity);
        w.WriteNumber(F, t.TradeId);
        w.WriteNumber(L, t.TradeId);
        w.WriteNumber(TradeTime, eventTimeMs);
        w.WriteBoolean(BuyerMaker, t.Aggressor == Side.Sell);
        w.WriteBoolean(Ignore, true);
        w.WriteEndObject();
    }
}
