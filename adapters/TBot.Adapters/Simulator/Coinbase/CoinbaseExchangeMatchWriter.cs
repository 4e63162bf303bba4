using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Wire;
using TBot.Engine.Events;

namespace TBot.Adapters.Simulator.Coinbase;

/// <summary>
/// matches → {"type":"match"|"last_match","trade_id",n,"sequence",n,"maker_order_id","taker_order_id","time",
/// "product_id","size","price","side"}; side is the MAKER side ("sell" = the taker bought). trade_id is consecutive
/// per product, so a missing match is visible.
/// </summary>
internal static class CoinbaseExchangeMatchWriter
{
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Match = JsonEncodedText.Encode("match");
    private static readonly JsonEncodedText LastMatch = JsonEncodedText.Encode("last_match");
    private static readonly JsonEncodedText TradeId = JsonEncodedText.Encode("trade_id");
    private static readonly JsonEncodedText Sequence = JsonEncodedText.Encode("sequence");
    private static readonly JsonEncodedText MakerOrderId = JsonEncodedText.Encode("maker_order_id");
    private static readonly JsonEncodedText TakerOrderId = JsonEncodedText.Encode("taker_order_id");
    private static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText ProductId = JsonEncodedText.Encode("product_id");
    private static readonly JsonEncodedText Size = JsonEncodedText.Encode("size");
    private static readonly JsonEncodedText Price = JsonEncodedText.Encode("price");
    private static readonly JsonEncodedText SideName = JsonEncodedText.Encode("side");
    private static readonly JsonEncodedText Buy = JsonEncodedText.Encode("buy");
    private static readonly JsonEncodedText Sell = JsonEncodedText.Encode("sell");

    public static void Write(Utf8JsonWriter w, InstrumentMarket m, in TradePrint t, JsonEncodedText product, long timeNs, bool last)
    {
        w.WriteStartObject();
        w.WriteString(Type, last ? LastMatch : Match);
        w.WriteNumber(TradeId, t.TradeId);
        w.WriteNumber(Sequence, t.Sequence);
        WireJson.Uuid(w, MakerOrderId, (ulong)t.TradeId, 1);
        WireJson.Uuid(w, TakerOrderId, (ulong)t.TradeId, 2);
        WireJson.Rfc3339(w, Time, timeNs, 6);
        w.WriteString(ProductId, product);
        CoinbaseWire.PaddedSize(w, Size, m, t.Quantity);
        CoinbaseWire.Price(w, Price, m, t.Price);
        w.WriteString(SideName, t.Aggressor == Side.Buy ? Sell : Buy);
        w.WriteEndObject();
    }
}
