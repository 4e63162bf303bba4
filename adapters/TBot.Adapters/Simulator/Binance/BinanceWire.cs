using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Wire;

namespace TBot.Adapters.Simulator.Binance;

/// <summary>Binance number habits: every price and quantity is a string padded to 8 decimals.</summary>
internal static class BinanceWire
{
    public const NumberStyle Style = NumberStyle.Padded8;

    public static void Price(Utf8JsonWriter w, JsonEncodedText name, InstrumentMarket m, long price) =>
        WireJson.Decimal(w, name, price, m.Spec.PriceScale, Style);

    public static void Quantity(Utf8JsonWriter w, JsonEncodedText name, InstrumentMarket m, long quantity) =>
        WireJson.Decimal(w, name, quantity, m.Spec.QuantityScale, Style);

    /// <summary>["price","qty"].</summary>
    public static void Level(Utf8JsonWriter w, InstrumentMarket m, long price, long quantity)
    {
        w.WriteStartArray();
        WireJson.Decimal(w, price, m.Spec.PriceScale, Style);
        WireJson.Decimal(w, quantity, m.Spec.QuantityScale, Style);
        w.WriteEndArray();
    }

    /// <summary>Top <paramref name="max"/> levels of a side as [["p","q"],...].</summary>
    public static void Levels(Utf8JsonWriter w, JsonEncodedText name, InstrumentMarket m, SimBookSide side, int max)
    {
        w.WriteStartArray(name);
        var n = Math.Min(max, side.Count);
        for (var i = 0; i < n; i++) Level(w, m, side.PriceAt(i), side.QuantityAt(i));
        w.WriteEndArray();
    }
}
