using TBot.Engine.Instruments;

namespace TBot.Engine.Strategy;

/// <summary>
/// <see cref="MarketMaker"/>'s settings, resolved at start-up: sizes as quantity mantissas (multiples of the step),
/// spreads in micro-bps, times in nanoseconds of engine time.
/// </summary>
public sealed record MarketMakerSettings
{
    public required Instrument Instrument { get; init; }

    /// <summary>Distance of each quote from the (skewed) mid, micro-bps of the mid.</summary>
    public long HalfSpreadMicroBps { get; init; }

    /// <summary>Size of each quote (quantity mantissa, a multiple of the step).</summary>
    public required long QuoteSize { get; init; }

    /// <summary>How far both quotes shift against the position when it is at <see cref="MaxInventory"/> (micro-bps; proportional below).</summary>
    public long InventorySkewMicroBps { get; init; }

    /// <summary>Largest absolute position (quantity mantissa): the side that would grow it beyond stops quoting.</summary>
    public required long MaxInventory { get; init; }

    /// <summary>A quote older than this is cancelled and replaced (0 = only on price moves).</summary>
    public long RefreshNs { get; init; }

    /// <summary>A quote is replaced when its desired price moved more than this many ticks.</summary>
    public int RequoteTicks { get; init; }

    /// <summary>No quotes while the best bid/ask is older than this (0 = no limit).</summary>
    public long MaxQuoteAgeNs { get; init; }

    /// <summary>Send quotes as post-only (maker-only) orders.</summary>
    public bool PostOnly { get; init; }

    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        ParameterSpec.InstrumentKey("instrument", "BTCUSDT@binance", "instrument to quote"),
        // Defaults fit BTCUSDT@binance (tick 0.01): 1 bps ≈ 6.50 away from mid, replaced after a 1.00 move. On the
        // built-in simulator, whose spread now and then widens well past that, the first fills come within a minute.
        ParameterSpec.Decimal("half_spread_bps", "0.1", 0m, 1_000m, "bps", "distance of each quote from the skewed mid"),
        ParameterSpec.Decimal("quote_size", "0.001", 0m, 1_000_000_000m, "base units", "size of each quote (rounded down to the step)"),
        ParameterSpec.Decimal("inventory_skew_bps", "0.5", 0m, 1_000m, "bps", "quote shift against the position when it is at max_inventory"),
        ParameterSpec.Decimal("max_inventory", "0.005", 0m, 1_000_000_000m, "base units", "largest absolute position; the side that would exceed it stops quoting"),
        ParameterSpec.Integer("refresh_ms", 5_000, 0, 3_600_000, "ms", "replace a quote after this long (0 = only on price moves)"),
        ParameterSpec.Integer("requote_ticks", 100, 0, 1_000_000, "ticks", "replace a quote when its desired price moved more than this"),
        ParameterSpec.Integer("max_quote_age_ms", 10_000, 0, 3_600_000, "ms", "pull quotes while the best bid/ask is older than this (0 = no limit)"),
        ParameterSpec.Boolean("post_only", false, "send quotes as post-only (maker-only) orders"),
    ];

    /// <summary>Build from parsed parameters; null (with problems appended) when they do not make a valid setup.</summary>
    public static MarketMakerSettings? FromParameters(StrategyParameters p, List<string> problems)
    {
        var instrument = p.Instrument("instrument");
        if (instrument is null) return null;
        var before = problems.Count;
        var settings = new MarketMakerSettings
        {
            Instrument = instrument,
            HalfSpreadMicroBps = p.MicroBps("half_spread_bps"),
            QuoteSize = p.Quantity("quote_size", instrument, problems),
            InventorySkewMicroBps = p.MicroBps("inventory_skew_bps"),
            MaxInventory = p.Quantity("max_inventory", instrument, problems),
            RefreshNs = p.MillisecondsAsNs("refresh_ms"),
            RequoteTicks = (int)p.Integer("requote_ticks"),
            MaxQuoteAgeNs = p.MillisecondsAsNs("max_quote_age_ms"),
            PostOnly = p.Boolean("post_only"),
        };
        if (problems.Count == before && settings.MaxInventory < settings.QuoteSize)
            problems.Add($"max_inventory: must be at least quote_size ({p.Decimal("max_inventory")} < {p.Decimal("quote_size")})");
        return problems.Count == before ? settings : null;
    }
}
