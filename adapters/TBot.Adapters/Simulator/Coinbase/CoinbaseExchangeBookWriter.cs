using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Wire;
using TBot.Engine.Events;

namespace TBot.Adapters.Simulator.Coinbase;

/// <summary>
/// Exchange feed level2: {"type":"snapshot","product_id",..,"bids":[[p,s]],"asks":[[p,s]]} then
/// {"type":"l2update","product_id",..,"changes":[["buy"|"sell",p,s]],"time":..} (no sequence on level2).
/// </summary>
internal static class CoinbaseExchangeBookWriter
{
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText ProductId = JsonEncodedText.Encode("product_id");
    private static readonly JsonEncodedText Bids = JsonEncodedText.Encode("bids");
    private static readonly JsonEncodedText Asks = JsonEncodedText.Encode("asks");
    private static readonly JsonEncodedText Changes = JsonEncodedText.Encode("changes");
    private static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText Snapshot = JsonEncodedText.Encode("snapshot");
    private static readonly JsonEncodedText L2Update = JsonEncodedText.Encode("l2update");
    private static readonly JsonEncodedText Buy = JsonEncodedText.Encode("buy");
    private static readonly JsonEncodedText Sell = JsonEncodedText.Encode("sell");

    public static void WriteSnapshot(Utf8JsonWriter w, InstrumentMarket m, JsonEncodedText product)
    {
        w.WriteStartObject();
        w.WriteString(Type, Snapshot);
        w.WriteString(ProductId, product);
        WriteSide(w, Bids, m, m.Bids);
        WriteSide(w, Asks, m, m.Asks);
        w.WriteEndObject();
    }

    public static void WriteUpdate(Utf8JsonWriter w, MarketStep step, JsonEncodedText product, long timeNs)
    {
        var m = step.Market;
        w.WriteStartObject();
        w.WriteString(Type, L2Update);
        w.WriteString(ProductId, product);
        w.WriteStartArray(Changes);
        foreach (ref readonly var c in step.Changes)
        {
            w.WriteStartArray();
            w.WriteStringValue(c.Side == Side.Buy ? Buy : Sell);
            CoinbaseWire.PriceValue(w, m, c.Price);
            CoinbaseWire.PaddedSizeValue(w, m, c.Quantity);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        WireJson.Rfc3339(w, Time, timeNs, 6);
        w.WriteEndObject();
    }

    private static void WriteSide(Utf8JsonWriter w, JsonEncodedText name, InstrumentMarket m, SimBookSide side)
    {
        w.WriteStartArray(name);
        for (var i = 0; i < side.Count; i++)
        {
            w.WriteStartArray();
            CoinbaseWire.PriceValue(w, m, side.PriceAt(i));
            CoinbaseWire.PaddedSizeValue(w, m, side.QuantityAt(i));
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }
}
