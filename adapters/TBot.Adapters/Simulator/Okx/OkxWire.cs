using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Wire;

namespace TBot.Adapters.Simulator.Okx;

/// <summary>
/// OKX habits: every number is a string without trailing zeros ("8477", "0.1"); levels are
/// [price, size, "0", numOrders]. The checksum is computed from these exact strings.
/// </summary>
internal static class OkxWire
{
    public const NumberStyle Style = NumberStyle.Trimmed;

    private static readonly JsonEncodedText Arg = JsonEncodedText.Encode("arg");
    private static readonly JsonEncodedText Channel = JsonEncodedText.Encode("channel");
    private static readonly JsonEncodedText InstId = JsonEncodedText.Encode("instId");

    public static void Price(Utf8JsonWriter w, JsonEncodedText name, InstrumentMarket m, long price) =>
        WireJson.Decimal(w, name, price, m.Spec.PriceScale, Style);

    public static void Size(Utf8JsonWriter w, JsonEncodedText name, InstrumentMarket m, long quantity) =>
        WireJson.Decimal(w, name, quantity, m.Spec.QuantityScale, Style);

    /// <summary>Number of orders at a level: a stable function of the level ("0" for a deleted level).</summary>
    public static long OrderCount(InstrumentMarket m, long quantity) => quantity == 0 ? 0 : 1 + quantity / m.Spec.StepSize % 9;

    public static void Level(Utf8JsonWriter w, InstrumentMarket m, long price, long quantity)
    {
        w.WriteStartArray();
        WireJson.Decimal(w, price, m.Spec.PriceScale, Style);
        WireJson.Decimal(w, quantity, m.Spec.QuantityScale, Style);
        WireJson.Ascii(w, "0"u8);
        WireJson.IntegerString(w, OrderCount(m, quantity));
        w.WriteEndArray();
    }

    public static void Levels(Utf8JsonWriter w, JsonEncodedText name, InstrumentMarket m, SimBookSide side, int max)
    {
        w.WriteStartArray(name);
        var n = Math.Min(max, side.Count);
        for (var i = 0; i < n; i++) Level(w, m, side.PriceAt(i), side.QuantityAt(i));
        w.WriteEndArray();
    }

    /// <summary>"arg":{"channel":..,"instId":..}.</summary>
    public static void WriteArg(Utf8JsonWriter w, JsonEncodedText channel, JsonEncodedText instId)
    {
        w.WriteStartObject(Arg);
        w.WriteString(Channel, channel);
        w.WriteString(InstId, instId);
        w.WriteEndObject();
    }
}
