using System.Text.Json;
using TBot.Adapters.Simulator.Market;

namespace TBot.Adapters.Simulator.Binance;

/// <summary>GET /api/v3/ticker/bookTicker element: {"symbol","bidPrice","bidQty","askPrice","askQty"}.</summary>
internal static class BinanceBookTickerRestWriter
{
    private static readonly JsonEncodedText Symbol = JsonEncodedText.Encode("symbol");
    private static readonly JsonEncodedText BidPrice = JsonEncodedText.Encode("bidPrice");
    private static readonly JsonEncodedText BidQty = JsonEncodedText.Encode("bidQty");
    private static readonly JsonEncodedText AskPrice = JsonEncodedText.Encode("askPrice");
    private static readonly JsonEncodedText AskQty = JsonEncodedText.Encode("askQty");

    public static void Write(Utf8JsonWriter w, InstrumentMarket m)
    {
        w.WriteStartObject();
        w.WriteString(Symbol, m.Spec.Symbol);
        BinanceWire.Price(w, BidPrice, m, m.Bids.BestPrice);
        BinanceWire.Quantity(w, BidQty, m, m.Bids.BestQuantity);
        BinanceWire.Price(w, AskPrice, m, m.Asks.BestPrice);
        BinanceWire.Quantity(w, AskQty, m, m.Asks.BestQuantity);
        w.WriteEndObject();
    }
}
