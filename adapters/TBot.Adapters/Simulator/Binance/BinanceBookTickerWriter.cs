using System.Text.Json;
using TBot.Adapters.Simulator.Market;

namespace TBot.Adapters.Simulator.Binance;

/// <summary>&lt;symbol&gt;@bookTicker: {"u":..,"s":..,"b":..,"B":..,"a":..,"A":..} (no e/E on spot).</summary>
internal static class BinanceBookTickerWriter
{
    private static readonly JsonEncodedText U = JsonEncodedText.Encode("u");
    private static readonly JsonEncodedText S = JsonEncodedText.Encode("s");
    private static readonly JsonEncodedText Bid = JsonEncodedText.Encode("b");
    private static readonly JsonEncodedText BidQty = JsonEncodedText.Encode("B");
    private static readonly JsonEncodedText Ask = JsonEncodedText.Encode("a");
    private static readonly JsonEncodedText AskQty = JsonEncodedText.Encode("A");

    /// <param name="crossed">Fault: quote a bid one tick above the ask.</param>
    public static void Write(Utf8JsonWriter w, InstrumentMarket m, JsonEncodedText symbol, bool crossed)
    {
        var bid = m.Bids.BestPrice;
        if (crossed) bid = m.Asks.BestPrice + m.Spec.TickSize;
        w.WriteStartObject();
        w.WriteNumber(U, m.Sequence);
        w.WriteString(S, symbol);
        BinanceWire.Price(w, Bid, m, bid);
        BinanceWire.Quantity(w, BidQty, m, m.Bids.BestQuantity);
        BinanceWire.Price(w, Ask, m, m.Asks.BestPrice);
        BinanceWire.Quantity(w, AskQty, m, m.Asks.BestQuantity);
        w.WriteEndObject();
    }
}
