using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Wire;

namespace TBot.Adapters.Simulator.Coinbase;

/// <summary>
/// Coinbase number and time habits: prices at the product's quote increment ("68900.00"); Advanced Trade sizes
/// unpadded ("0.02", zero as "0"), Exchange-feed sizes padded to 8 decimals; RFC 3339 timestamps.
/// </summary>
internal static class CoinbaseWire
{
    public static void Price(Utf8JsonWriter w, JsonEncodedText name, InstrumentMarket m, long price) =>
        WireJson.Decimal(w, name, price, m.Spec.PriceScale, NumberStyle.Exact);

    public static void PriceValue(Utf8JsonWriter w, InstrumentMarket m, long price) =>
        WireJson.Decimal(w, price, m.Spec.PriceScale, NumberStyle.Exact);

    /// <summary>Advanced Trade size.</summary>
    public static void Size(Utf8JsonWriter w, JsonEncodedText name, InstrumentMarket m, long quantity) =>
        WireJson.Decimal(w, name, quantity, m.Spec.QuantityScale, NumberStyle.Trimmed);

    /// <summary>Exchange-feed size.</summary>
    public static void PaddedSize(Utf8JsonWriter w, JsonEncodedText name, InstrumentMarket m, long quantity) =>
        WireJson.Decimal(w, name, quantity, m.Spec.QuantityScale, NumberStyle.Padded8);

    public static void PaddedSizeValue(Utf8JsonWriter w, InstrumentMarket m, long quantity) =>
        WireJson.Decimal(w, quantity, m.Spec.QuantityScale, NumberStyle.Padded8);

    /// <summary>24 h change in percent with up to 8 decimals ("-4.15775596").</summary>
    public static void PercentChange(Utf8JsonWriter w, JsonEncodedText name, TickerStats s)
    {
        var scaled = s.Open == 0 ? 0 : (long)((Int128)(s.Last - s.Open) * 10_000_000_000L / s.Open);
        WireJson.Decimal(w, name, scaled, 8, NumberStyle.Trimmed);
    }
}
