using TBot.Engine.Instruments;
using TBot.Engine.Numerics;

namespace TBot.Engine.Strategy;

/// <summary>
/// <see cref="CrossVenueSpread"/>'s settings, resolved at start-up. The two venues may use different quantity
/// scales and steps, so sizes are mantissas at the finer of the two scales (<see cref="QuantityScale"/>) and are
/// multiples of <see cref="CommonStep"/>, a size both venues accept.
/// </summary>
public sealed record CrossVenueSpreadSettings
{
    public required Instrument InstrumentA { get; init; }

    public required Instrument InstrumentB { get; init; }

    /// <summary>Net edge after both taker fees needed to trade, micro-bps of the buy price.</summary>
    public long ThresholdMicroBps { get; init; }

    public long TakerFeeAMicroBps { get; init; }

    public long TakerFeeBMicroBps { get; init; }

    /// <summary>Largest size of one pair of legs (mantissa at <see cref="QuantityScale"/>).</summary>
    public required long OrderSize { get; init; }

    /// <summary>Largest absolute position on each venue (mantissa at <see cref="QuantityScale"/>).</summary>
    public required long MaxPosition { get; init; }

    /// <summary>Both best bid/asks must be younger than this (0 = no limit).</summary>
    public long MaxQuoteAgeNs { get; init; }

    public long CooldownNs { get; init; }

    /// <summary>Trade the net position (A + B, left by a leg that did not fill) back to flat.</summary>
    public bool FlattenNet { get; init; }

    /// <summary>How far beyond the touch a flattening IOC may fill, in ticks of its venue.</summary>
    public int SlippageTicks { get; init; }

    /// <summary>Quantity scale of sizes in these settings: the finer of the two instruments'.</summary>
    public int QuantityScale => Math.Max(InstrumentA.QuantityScale, InstrumentB.QuantityScale);

    /// <summary>Smallest size that is a whole number of steps on both venues (mantissa at <see cref="QuantityScale"/>).</summary>
    public long CommonStep => CommonStepOf(InstrumentA, InstrumentB);

    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        ParameterSpec.InstrumentKey("instrument_a", "BTCUSDT@binance", "the symbol on the first venue"),
        ParameterSpec.InstrumentKey("instrument_b", "BTC-USDT@okx", "the same symbol on the second venue"),
        ParameterSpec.Decimal("threshold_bps", "0.5", 0m, 10_000m, "bps", "net edge (after both taker fees) needed to trade"),
        // Zero by default so a first simulator run trades; set your fee tier for real venues.
        ParameterSpec.Decimal("taker_fee_a_bps", "0", 0m, 1_000m, "bps", "taker fee on venue A"),
        ParameterSpec.Decimal("taker_fee_b_bps", "0", 0m, 1_000m, "bps", "taker fee on venue B"),
        ParameterSpec.Decimal("order_size", "0.001", 0m, 1_000_000_000m, "base units", "largest size of one pair of legs"),
        ParameterSpec.Decimal("max_position", "0.005", 0m, 1_000_000_000m, "base units", "largest absolute position on each venue"),
        ParameterSpec.Integer("max_quote_age_ms", 1_000, 0, 3_600_000, "ms", "both best bid/asks must be younger than this (0 = no limit)"),
        ParameterSpec.Integer("cooldown_ms", 2_000, 0, 86_400_000, "ms", "least time between two trades"),
        ParameterSpec.Boolean("flatten_net", true, "trade a net position (A + B) left by a missed leg back to flat"),
        ParameterSpec.Integer("slippage_ticks", 2, 0, 1_000_000, "ticks", "how far beyond the touch a flattening IOC may fill"),
    ];

    public static CrossVenueSpreadSettings? FromParameters(StrategyParameters p, List<string> problems)
    {
        var a = p.Instrument("instrument_a");
        var b = p.Instrument("instrument_b");
        if (a is null || b is null) return null;
        if (a.Id == b.Id)
        {
            problems.Add($"instrument_b: must differ from instrument_a ({a.Key})");
            return null;
        }
        var before = problems.Count;
        var scale = Math.Max(a.QuantityScale, b.QuantityScale);
        var step = CommonStepOf(a, b);
        var what = $"both {a.Key} and {b.Key}";
        var settings = new CrossVenueSpreadSettings
        {
            InstrumentA = a,
            InstrumentB = b,
            ThresholdMicroBps = p.MicroBps("threshold_bps"),
            TakerFeeAMicroBps = p.MicroBps("taker_fee_a_bps"),
            TakerFeeBMicroBps = p.MicroBps("taker_fee_b_bps"),
            OrderSize = p.Quantity("order_size", scale, step, what, problems),
            MaxPosition = p.Quantity("max_position", scale, step, what, problems),
            MaxQuoteAgeNs = p.MillisecondsAsNs("max_quote_age_ms"),
            CooldownNs = p.MillisecondsAsNs("cooldown_ms"),
            FlattenNet = p.Boolean("flatten_net"),
            SlippageTicks = (int)p.Integer("slippage_ticks"),
        };
        if (problems.Count == before && settings.MaxPosition < settings.OrderSize)
            problems.Add($"max_position: must be at least order_size ({p.Decimal("max_position")} < {p.Decimal("order_size")})");
        return problems.Count == before ? settings : null;
    }

    /// <summary>Least common multiple of both steps, expressed at the finer quantity scale.</summary>
    public static long CommonStepOf(Instrument a, Instrument b)
    {
        var scale = Math.Max(a.QuantityScale, b.QuantityScale);
        var stepA = PriceGrid.Unit(a.StepSize) * FixedPoint.Pow10(scale - a.QuantityScale);
        var stepB = PriceGrid.Unit(b.StepSize) * FixedPoint.Pow10(scale - b.QuantityScale);
        return stepA / Gcd(stepA, stepB) * stepB;
    }

    private static long Gcd(long x, long y)
    {
        while (y != 0) (x, y) = (y, x % y);
        return x;
    }
}
