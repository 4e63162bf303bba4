using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Wire;
using TBot.Engine.Events;

namespace TBot.Adapters.Simulator.Coinbase;

/// <summary>
/// level2 → channel "l2_data": one event {"type":"snapshot"|"update","product_id":..,"updates":[{"side":"bid"|"offer",
/// "event_time":..,"price_level":..,"new_quantity":..}]}; new_quantity is absolute, "0" removes.
/// </summary>
internal static class CoinbaseL2DataWriter
{
    private static readonly JsonEncodedText ChannelName = JsonEncodedText.Encode("l2_data");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText ProductId = JsonEncodedText.Encode("product_id");
    private static readonly JsonEncodedText Updates = JsonEncodedText.Encode("updates");
    private static readonly JsonEncodedText SideName = JsonEncodedText.Encode("side");
    private static readonly JsonEncodedText EventTime = JsonEncodedText.Encode("event_time");
    private static readonly JsonEncodedText PriceLevel = JsonEncodedText.Encode("price_level");
    private static readonly JsonEncodedText NewQuantity = JsonEncodedText.Encode("new_quantity");
    private static readonly JsonEncodedText Bid = JsonEncodedText.Encode("bid");
    private static readonly JsonEncodedText Offer = JsonEncodedText.Encode("offer");
    private static readonly JsonEncodedText Snapshot = JsonEncodedText.Encode("snapshot");
    private static readonly JsonEncodedText Update = JsonEncodedText.Encode("update");

    public static void WriteSnapshot(Utf8JsonWriter w, InstrumentMarket m, JsonEncodedText product, long nowNs, long sequenceNum)
    {
        Begin(w, m, product, Snapshot, nowNs, sequenceNum);
        for (var i = 0; i < m.Bids.Count; i++) Level(w, m, Bid, m.Bids.PriceAt(i), m.Bids.QuantityAt(i), nowNs);
        for (var i = 0; i < m.Asks.Count; i++) Level(w, m, Offer, m.Asks.PriceAt(i), m.Asks.QuantityAt(i), nowNs);
        End(w);
    }

    public static void WriteUpdate(Utf8JsonWriter w, MarketStep step, JsonEncodedText product, long timeNs, long sequenceNum)
    {
        var m = step.Market;
        Begin(w, m, product, Update, timeNs, sequenceNum);
        foreach (ref readonly var c in step.Changes) Level(w, m, c.Side == Side.Buy ? Bid : Offer, c.Price, c.Quantity, timeNs);
        End(w);
    }

    private static void Begin(Utf8JsonWriter w, InstrumentMarket m, JsonEncodedText product, JsonEncodedText type, long nowNs, long sequenceNum)
    {
        CoinbaseEnvelopeWriter.Begin(w, ChannelName, nowNs, sequenceNum);
        w.WriteStartObject();
        w.WriteString(Type, type);
        w.WriteString(ProductId, product);
        w.WriteStartArray(Updates);
    }

    private static void End(Utf8JsonWriter w)
    {
        w.WriteEndArray();
        w.WriteEndObject();
        CoinbaseEnvelopeWriter.End(w);
    }

    private static void Level(Utf8JsonWriter w, InstrumentMarket m, JsonEncodedText side, long price, long quantity, long timeNs)
    {
        w.WriteStartObject();
        w.WriteString(SideName, side);
        WireJson.Rfc3339(w, EventTime, timeNs, 6);
        CoinbaseWire.Price(w, PriceLevel, m, price);
        CoinbaseWire.Size(w, NewQuantity, m, quantity);
        w.WriteEndObject();
    }
}
