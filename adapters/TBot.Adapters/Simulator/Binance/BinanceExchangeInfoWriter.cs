using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Wire;
using TBot.Engine.Numerics;

namespace TBot.Adapters.Simulator.Binance;

/// <summary>GET /api/v3/exchangeInfo: rate limits and, per symbol, assets, order types and PRICE_FILTER/LOT_SIZE/NOTIONAL filters.</summary>
internal static class BinanceExchangeInfoWriter
{
    public static void Write(Utf8JsonWriter w, IEnumerable<InstrumentMarket> markets, long serverTimeMs)
    {
        w.WriteStartObject();
        w.WriteString("timezone", "UTC");
        w.WriteNumber("serverTime", serverTimeMs);
        w.WriteStartArray("rateLimits");
        RateLimit(w, "REQUEST_WEIGHT", "MINUTE", 1, 6000);
        RateLimit(w, "ORDERS", "SECOND", 10, 50);
        RateLimit(w, "ORDERS", "DAY", 1, 160000);
        RateLimit(w, "RAW_REQUESTS", "MINUTE", 5, 61000);
        w.WriteEndArray();
        w.WriteStartArray("exchangeFilters");
        w.WriteEndArray();
        w.WriteStartArray("symbols");
        foreach (var m in markets) Symbol(w, m);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void RateLimit(Utf8JsonWriter w, string type, string interval, int intervalNum, int limit)
    {
        w.WriteStartObject();
        w.WriteString("rateLimitType", type);
        w.WriteString("interval", interval);
        w.WriteNumber("intervalNum", intervalNum);
        w.WriteNumber("limit", limit);
        w.WriteEndObject();
    }

    private static void Symbol(Utf8JsonWriter w, InstrumentMarket m)
    {
        var spec = m.Spec;
        var ps = spec.PriceScale;
        var qs = spec.QuantityScale;
        w.WriteStartObject();
        w.WriteString("symbol", spec.Symbol);
        w.WriteString("status", "TRADING");
        w.WriteString("baseAsset", spec.Base);
        w.WriteNumber("baseAssetPrecision", 8);
        w.WriteString("quoteAsset", spec.Quote);
        w.WriteNumber("quotePrecision", 8);
        w.WriteNumber("quoteAssetPrecision", 8);
        w.WriteNumber("baseCommissionPrecision", 8);
        w.WriteNumber("quoteCommissionPrecision", 8);
        w.WriteStartArray("orderTypes");
        w.WriteStringValue("LIMIT");
        w.WriteStringValue("LIMIT_MAKER");
        w.WriteStringValue("MARKET");
        w.WriteEndArray();
        w.WriteBoolean("icebergAllowed", false);
        w.WriteBoolean("ocoAllowed", false);
        w.WriteBoolean("otoAllowed", false);
        w.WriteBoolean("quoteOrderQtyMarketAllowed", true);
        w.WriteBoolean("allowTrailingStop", false);
        w.WriteBoolean("cancelReplaceAllowed", false);
        w.WriteBoolean("isSpotTradingAllowed", true);
        w.WriteBoolean("isMarginTradingAllowed", false);
        w.WriteStartArray("filters");

        w.WriteStartObject();
        w.WriteString("filterType", "PRICE_FILTER");
        WireJson.Decimal(w, JsonEncodedText.Encode("minPrice"), spec.TickSize, ps, BinanceWire.Style);
        WireJson.Decimal(w, JsonEncodedText.Encode("maxPrice"), 1_000_000 * FixedPoint.Pow10(ps), ps, BinanceWire.Style);
        WireJson.Decimal(w, JsonEncodedText.Encode("tickSize"), spec.TickSize, ps, BinanceWire.Style);
        w.WriteEndObject();

        w.WriteStartObject();
        w.WriteString("filterType", "LOT_SIZE");
        WireJson.Decimal(w, JsonEncodedText.Encode("minQty"), spec.StepSize, qs, BinanceWire.Style);
        WireJson.Decimal(w, JsonEncodedText.Encode("maxQty"), 9_000 * FixedPoint.Pow10(qs), qs, BinanceWire.Style);
        WireJson.Decimal(w, JsonEncodedText.Encode("stepSize"), spec.StepSize, qs, BinanceWire.Style);
        w.WriteEndObject();

        w.WriteStartObject();
        w.WriteString("filterType", "MARKET_LOT_SIZE");
        WireJson.Decimal(w, JsonEncodedText.Encode("minQty"), 0, qs, BinanceWire.Style);
        WireJson.Decimal(w, JsonEncodedText.Encode("maxQty"), 100 * FixedPoint.Pow10(qs), qs, BinanceWire.Style);
        WireJson.Decimal(w, JsonEncodedText.Encode("stepSize"), 0, qs, BinanceWire.Style);
        w.WriteEndObject();

        w.WriteStartObject();
        w.WriteString("filterType", "NOTIONAL");
        w.WriteString("minNotional", "5.00000000");
        w.WriteBoolean("applyMinToMarket", true);
        w.WriteString("maxNotional", "9000000.00000000");
        w.WriteBoolean("applyMaxToMarket", false);
        w.WriteNumber("avgPriceMins", 5);
        w.WriteEndObject();

        w.WriteStartObject();
        w.WriteString("filterType", "MAX_NUM_ORDERS");
        w.WriteNumber("maxNumOrders", 200);
        w.WriteEndObject();

        w.WriteEndArray();
        w.WriteStartArray("permissions");
        w.WriteEndArray();
        w.WriteStartArray("permissionSets");
        w.WriteStartArray();
        w.WriteStringValue("SPOT");
        w.WriteEndArray();
        w.WriteEndArray();
        w.WriteString("defaultSelfTradePreventionMode", "EXPIRE_MAKER");
        w.WriteStartArray("allowedSelfTradePreventionModes");
        w.WriteStringValue("NONE");
        w.WriteStringValue("EXPIRE_TAKER");
        w.WriteStringValue("EXPIRE_MAKER");
        w.WriteStringValue("EXPIRE_BOTH");
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
