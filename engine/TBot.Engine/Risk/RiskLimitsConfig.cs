using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;
using TBot.Engine.Instruments;
using TBot.Engine.Numerics;
using TBot.Engine.Orders;

namespace TBot.Engine.Risk;

/// <summary>
/// Risk limits as users write them (JSON, decimals as strings or numbers; a missing value or 0 = no limit):
/// <code>{ "max_order_notional": "5000", "max_position_notional": "20000", "daily_loss_limit": "500",
///   "max_drawdown": "800", "max_open_orders": 20, "price_collar_bps": 200, "max_quote_age_ms": 2000,
///   "instruments": { "BTCUSDT@binance": { "max_order_quantity": "0.5", "max_position_quantity": "2" } },
///   "order_rates": { "binance": { "orders_per_second": 10, "burst": 20 } } }</code>
/// Money values are in the quote currency (8 decimals at most). <see cref="Resolve"/> turns it into the
/// integer <see cref="RiskLimits"/> the hot path uses. Edge code: allocates.
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
public sealed class RiskLimitsConfig
{
    /// <summary>Largest range accepted for the collar: ±1000 % of mid.</summary>
    public const int MaxCollarBps = 100_000;

    [JsonPropertyName("max_order_notional")] public decimal? MaxOrderNotional { get; set; }
    /// <summary>Per bot, over all its instruments.</summary>
    [JsonPropertyName("max_position_notional")] public decimal? MaxPositionNotional { get; set; }
    [JsonPropertyName("daily_loss_limit")] public decimal? DailyLossLimit { get; set; }
    [JsonPropertyName("max_drawdown")] public decimal? MaxDrawdown { get; set; }
    [JsonPropertyName("max_open_orders")] public int? MaxOpenOrders { get; set; }
    [JsonPropertyName("price_collar_bps")] public int? PriceCollarBps { get; set; }
    [JsonPropertyName("max_quote_age_ms")] public int? MaxQuoteAgeMs { get; set; }
    /// <summary>Keyed by instrument key, "SYMBOL@venue" (e.g. "BTCUSDT@binance").</summary>
    [JsonPropertyName("instruments")] public Dictionary<string, InstrumentRiskConfig> Instruments { get; set; } = [];
    /// <summary>Keyed by venue name ("binance", "coinbase", "okx").</summary>
    [JsonPropertyName("order_rates")] public Dictionary<string, VenueOrderRateConfig> OrderRates { get; set; } = [];

    /// <summary>Every problem that can be found without the instruments (empty when valid).</summary>
    public List<string> Validate() => Collect(null, null);

    /// <summary>Every problem, including instrument keys that are not registered and quantities finer than the
    /// instrument's quantity scale (empty when valid).</summary>
    public List<string> Validate(InstrumentRegistry instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        return Collect(instruments, null);
    }

    /// <summary>The integer limits; throws <see cref="ArgumentException"/> listing every problem when invalid.</summary>
    public RiskLimits Resolve(InstrumentRegistry instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        var quantities = new long[2, instruments.Count + 1];
        var problems = Collect(instruments, quantities);
        if (problems.Count > 0) throw new ArgumentException("Invalid risk limits: " + string.Join(" ", problems));

        var rates = new VenueOrderRate[4];
        foreach (var (name, rate) in OrderRates)
        {
            VenueNames.TryParse(name, out var venue);
            rates[(int)venue] = new VenueOrderRate(rate.OrdersPerSecond ?? 0, rate.Burst ?? 0);
        }
        var maxOrder = new long[instruments.Count + 1];
        var maxPosition = new long[instruments.Count + 1];
        for (var i = 0; i < maxOrder.Length; i++)
        {
            maxOrder[i] = quantities[0, i];
            maxPosition[i] = quantities[1, i];
        }
        return new RiskLimits
        {
            MaxOrderNotional = ToMoney(MaxOrderNotional),
            MaxPositionNotionalPerBot = ToMoney(MaxPositionNotional),
            DailyLossLimit = ToMoney(DailyLossLimit),
            MaxDrawdown = ToMoney(MaxDrawdown),
            MaxOpenOrders = MaxOpenOrders ?? 0,
            PriceCollarBps = PriceCollarBps ?? 0,
            MaxQuoteAgeMs = MaxQuoteAgeMs ?? 0,
            MaxOrderQuantity = ImmutableArray.Create(maxOrder),
            MaxPositionQuantity = ImmutableArray.Create(maxPosition),
            OrderRates = ImmutableArray.Create(rates),
        };
    }

    /// <summary>Checks everything; with <paramref name="instruments"/> also resolves instrument quantities into
    /// <paramref name="quantities"/> ([0, id] = max order, [1, id] = max position) when given.</summary>
    private List<string> Collect(InstrumentRegistry? instruments, long[,]? quantities)
    {
        var p = new List<string>();
        CheckMoney(p, "max_order_notional", MaxOrderNotional);
        CheckMoney(p, "max_position_notional", MaxPositionNotional);
        CheckMoney(p, "daily_loss_limit", DailyLossLimit);
        CheckMoney(p, "max_drawdown", MaxDrawdown);
        if (MaxOpenOrders < 0) p.Add($"max_open_orders must not be negative (got {MaxOpenOrders}).");
        if (PriceCollarBps is < 0 or > MaxCollarBps) p.Add($"price_collar_bps must be within 0..{MaxCollarBps} (got {PriceCollarBps}).");
        if (MaxQuoteAgeMs < 0) p.Add($"max_quote_age_ms must not be negative (got {MaxQuoteAgeMs}).");

        foreach (var (name, rate) in OrderRates)
        {
            if (!VenueNames.TryParse(name, out _)) p.Add($"order_rates.{name}: unknown venue (binance, coinbase, okx).");
            if (rate is null)
            {
                p.Add($"order_rates.{name}: empty.");
                continue;
            }
            if (rate.OrdersPerSecond is < 0 or > (int)TokenBucket.MaxRate)
                p.Add($"order_rates.{name}.orders_per_second must be within 0..{TokenBucket.MaxRate} (got {rate.OrdersPerSecond}).");
            if (rate.Burst is < 0 or > (int)TokenBucket.MaxRate)
                p.Add($"order_rates.{name}.burst must be within 0..{TokenBucket.MaxRate} (got {rate.Burst}).");
            if (rate.Burst > 0 && (rate.OrdersPerSecond ?? 0) == 0)
                p.Add($"order_rates.{name}: burst without orders_per_second has no effect.");
        }

        foreach (var (key, limits) in Instruments)
        {
            if (limits is null)
            {
                p.Add($"instruments.{key}: empty.");
                continue;
            }
            CheckQuantitySign(p, key, "max_order_quantity", limits.MaxOrderQuantity);
            CheckQuantitySign(p, key, "max_position_quantity", limits.MaxPositionQuantity);
            var at = key.LastIndexOf('@');
            if (at <= 0 || !VenueNames.TryParse(key[(at + 1)..], out var venue))
            {
                p.Add($"instruments.{key}: expected SYMBOL@venue (e.g. BTCUSDT@binance).");
                continue;
            }
            if (instruments is null) continue;
            if (!instruments.TryGet(venue, key[..at], out var instrument))
            {
                p.Add($"instruments.{key}: not a configured instrument.");
                continue;
            }
            if (ToQuantity(p, key, "max_order_quantity", limits.MaxOrderQuantity, instrument.QuantityScale) is { } maxOrder && quantities is not null)
                quantities[0, instrument.Id] = maxOrder;
            if (ToQuantity(p, key, "max_position_quantity", limits.MaxPositionQuantity, instrument.QuantityScale) is { } maxPosition && quantities is not null)
                quantities[1, instrument.Id] = maxPosition;
        }
        return p;
    }

    private static void CheckMoney(List<string> p, string name, decimal? value)
    {
        if (value is not { } v) return;
        if (v < 0) p.Add($"{name} must not be negative (got {Text(v)}).");
        else if (!TryMantissa(v, Money.Scale, out _)) p.Add($"{name}: {Text(v)} has more than {Money.Scale} decimals or is too large.");
    }

    private static void CheckQuantitySign(List<string> p, string key, string name, decimal? value)
    {
        if (value < 0) p.Add($"instruments.{key}.{name} must not be negative (got {Text(value.Value)}).");
    }

    private static long? ToQuantity(List<string> p, string key, string name, decimal? value, int scale)
    {
        if (value is not { } v || v < 0) return null;
        if (TryMantissa(v, scale, out var mantissa)) return mantissa;
        p.Add($"instruments.{key}.{name}: {Text(v)} is finer than the instrument's quantity scale ({scale} decimals) or too large.");
        return null;
    }

    private static long ToMoney(decimal? value) =>
        value is { } v && TryMantissa(v, Money.Scale, out var m) ? m : 0;

    /// <summary>False when digits would be lost or the value does not fit (decimal overflow included).</summary>
    private static bool TryMantissa(decimal value, int scale, out long mantissa)
    {
        try
        {
            return FixedPoint.TryFromDecimal(value, scale, out mantissa);
        }
        catch (OverflowException)
        {
            mantissa = 0;
            return false;
        }
    }

    private static string Text(decimal v) => v.ToString(CultureInfo.InvariantCulture);
}
