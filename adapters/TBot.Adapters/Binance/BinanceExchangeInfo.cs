using System.Text;
using System.Text.Json;
using TBot.Engine.Instruments;
using TBot.Engine.Numerics;

namespace TBot.Adapters.Binance;

/// <summary>
/// <c>GET /api/v3/exchangeInfo</c>: symbols with their price/lot/notional rules and the rate limits. Start-up
/// (edge) code: allocates and uses <see cref="JsonDocument"/>. Unknown filter types are ignored — Binance
/// adds new ones over time. Also derives instrument scales from the filters and registers instruments.
/// </summary>
public sealed class BinanceExchangeInfo
{
    public BinanceExchangeInfo(IReadOnlyList<BinanceSymbolInfo> symbols, IReadOnlyList<BinanceRateLimit> rateLimits)
    {
        Symbols = symbols;
        RateLimits = rateLimits;
    }

    public IReadOnlyList<BinanceSymbolInfo> Symbols { get; }

    public IReadOnlyList<BinanceRateLimit> RateLimits { get; }

    /// <summary>Parse the body; throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static BinanceExchangeInfo Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>Parse the UTF-8 body; throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static BinanceExchangeInfo Parse(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json);
        var root = document.RootElement;
        var symbols = new List<BinanceSymbolInfo>();
        var rateLimits = new List<BinanceRateLimit>();
        if (root.ValueKind != JsonValueKind.Object) return new BinanceExchangeInfo(symbols, rateLimits);

        if (root.TryGetProperty("rateLimits", out var limits) && limits.ValueKind == JsonValueKind.Array)
        {
            foreach (var limit in limits.EnumerateArray())
            {
                rateLimits.Add(new BinanceRateLimit(
                    Text(limit, "rateLimitType") ?? "",
                    Text(limit, "interval") ?? "",
                    Int(limit, "intervalNum", 0),
                    Int(limit, "limit", 0)));
            }
        }
        if (root.TryGetProperty("symbols", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var symbol in list.EnumerateArray())
            {
                if (symbol.ValueKind == JsonValueKind.Object) symbols.Add(ParseSymbol(symbol));
            }
        }
        return new BinanceExchangeInfo(symbols, rateLimits);
    }

    private static BinanceSymbolInfo ParseSymbol(JsonElement symbol)
    {
        string? tickSize = null, minPrice = null, maxPrice = null;
        string? stepSize = null, minQty = null, maxQty = null, minNotional = null;
        if (symbol.TryGetProperty("filters", out var filters) && filters.ValueKind == JsonValueKind.Array)
        {
            foreach (var filter in filters.EnumerateArray())
            {
                switch (Text(filter, "filterType"))
                {
                    case "PRICE_FILTER":
                        tickSize = Text(filter, "tickSize");
                        minPrice = Text(filter, "minPrice");
                        maxPrice = Text(filter, "maxPrice");
                        break;
                    case "LOT_SIZE":
                        stepSize = Text(filter, "stepSize");
                        minQty = Text(filter, "minQty");
                        maxQty = Text(filter, "maxQty");
                        break;
                    // NOTIONAL is current; MIN_NOTIONAL is the legacy name still seen in older data.
                    case "NOTIONAL":
                    case "MIN_NOTIONAL":
                        minNotional = Text(filter, "minNotional");
                        break;
                }
            }
        }
        return new BinanceSymbolInfo(
            Text(symbol, "symbol") ?? "",
            Text(symbol, "status") ?? "",
            Text(symbol, "baseAsset") ?? "",
            Text(symbol, "quoteAsset") ?? "",
            tickSize,
            stepSize,
            minQty,
            minNotional,
            minPrice,
            maxPrice,
            maxQty,
            Int(symbol, "baseAssetPrecision", 8),
            Int(symbol, "quoteAssetPrecision", Int(symbol, "quotePrecision", 8)));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Int(JsonElement element, string name, int fallback) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : fallback;

    /// <summary>
    /// Decimal places a step implies: digits after the point up to the last non-zero one
    /// ("0.01000000" → 2, "1.00000000" → 0, "0.00000100" → 6). Not quotePrecision, which is 8 for nearly
    /// every symbol. 0 for zero ("rule disabled") or unparsable text.
    /// </summary>
    public static int DecimalsOf(string? step)
    {
        if (step is null || !FixedPoint.TryParse(Encoding.ASCII.GetBytes(step), out var mantissa, out var scale) || mantissa == 0) return 0;
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }
        return scale;
    }

    /// <summary>
    /// Intern <paramref name="symbol"/>: PriceScale = decimals of tickSize, QuantityScale = decimals of
    /// stepSize, TickSize/StepSize as mantissas at those scales. A disabled (zero) or missing step falls back
    /// to the asset precision with no step rule (0).
    /// </summary>
    public static Instrument Register(InstrumentRegistry registry, BinanceSymbolInfo symbol)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(symbol);
        var (priceScale, tick) = ScaleAndStep(symbol.TickSize, symbol.QuoteAssetPrecision);
        var (quantityScale, step) = ScaleAndStep(symbol.StepSize, symbol.BaseAssetPrecision);
        return registry.Add(Venue.Binance, symbol.Symbol, priceScale, quantityScale, tick, step);
    }

    /// <summary>Register every symbol <paramref name="include"/> accepts (all when null).</summary>
    public IReadOnlyList<Instrument> RegisterInstruments(InstrumentRegistry registry, Func<BinanceSymbolInfo, bool>? include = null)
    {
        var added = new List<Instrument>();
        foreach (var symbol in Symbols)
        {
            if (symbol.Symbol.Length == 0 || (include is not null && !include(symbol))) continue;
            added.Add(Register(registry, symbol));
        }
        return added;
    }

    private static (int Scale, long Step) ScaleAndStep(string? step, int fallbackScale)
    {
        var scale = DecimalsOf(step);
        if (step is not null && FixedPoint.TryParse(Encoding.ASCII.GetBytes(step), scale, out var mantissa) && mantissa > 0)
        {
            return (scale, mantissa);
        }
        return (Math.Clamp(fallbackScale, 0, FixedPoint.MaxScale), 0);
    }
}
