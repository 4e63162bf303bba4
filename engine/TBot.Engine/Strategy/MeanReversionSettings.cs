using TBot.Engine.Instruments;

namespace TBot.Engine.Strategy;

/// <summary><see cref="MeanReversion"/>'s settings, resolved at start-up (sizes as quantity mantissas, times in ns).</summary>
public sealed record MeanReversionSettings
{
    public required Instrument Instrument { get; init; }

    /// <summary>Length of a time bar (engine time, aligned to multiples of it).</summary>
    public required long BarNs { get; init; }

    /// <summary>Bar closes in the rolling window; no signal until it is full.</summary>
    public required int WindowBars { get; init; }

    /// <summary>Enter when the z-score of the last price is beyond ±this.</summary>
    public double EntryZ { get; init; } = 2.0;

    /// <summary>Trade back toward flat when |z| falls below this.</summary>
    public double ExitZ { get; init; } = 0.5;

    /// <summary>Size of each order (quantity mantissa, a multiple of the step).</summary>
    public required long OrderSize { get; init; }

    /// <summary>Largest absolute position (quantity mantissa).</summary>
    public required long MaxPosition { get; init; }

    /// <summary>Market orders instead of marketable IOC limits.</summary>
    public bool UseMarketOrders { get; init; }

    /// <summary>IOC limit price beyond the touch, in ticks (buy at ask + this, sell at bid − this).</summary>
    public int SlippageTicks { get; init; }

    /// <summary>Least time between two orders.</summary>
    public long CooldownNs { get; init; }

    /// <summary>No orders while the best bid/ask is older than this (0 = no limit).</summary>
    public long MaxQuoteAgeNs { get; init; }

    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        ParameterSpec.InstrumentKey("instrument", "BTCUSDT@binance", "instrument to trade"),
        ParameterSpec.Integer("bar_ms", 1_000, 10, 86_400_000, "ms", "length of a time bar built from trades"),
        ParameterSpec.Integer("window_bars", 30, 2, 10_000, "bars", "bar closes in the rolling mean / standard deviation"),
        ParameterSpec.Decimal("entry_z", "2", 0.01m, 100m, "z", "enter when the z-score of the last price is beyond ±entry_z"),
        ParameterSpec.Decimal("exit_z", "0.5", 0m, 100m, "z", "trade back toward flat when |z| is below exit_z"),
        ParameterSpec.Decimal("order_size", "0.001", 0m, 1_000_000_000m, "base units", "size of each order (rounded down to the step)"),
        ParameterSpec.Decimal("max_position", "0.003", 0m, 1_000_000_000m, "base units", "largest absolute position"),
        ParameterSpec.Choice("order_type", "limit", "limit = IOC at the touch ± slippage_ticks, market = market order", "limit", "market"),
        ParameterSpec.Integer("slippage_ticks", 2, 0, 1_000_000, "ticks", "how far beyond the touch an IOC limit may fill"),
        ParameterSpec.Integer("cooldown_ms", 5_000, 0, 86_400_000, "ms", "least time between two orders"),
        ParameterSpec.Integer("max_quote_age_ms", 10_000, 0, 3_600_000, "ms", "no orders while the best bid/ask is older than this (0 = no limit)"),
    ];

    public static MeanReversionSettings? FromParameters(StrategyParameters p, List<string> problems)
    {
        var instrument = p.Instrument("instrument");
        if (instrument is null) return null;
        var before = problems.Count;
        var settings = new MeanReversionSettings
        {
            Instrument = instrument,
            BarNs = p.MillisecondsAsNs("bar_ms"),
            WindowBars = (int)p.Integer("window_bars"),
            // The z thresholds are statistics, not prices: doubles are fine here.
            EntryZ = (double)p.Decimal("entry_z"),
            ExitZ = (double)p.Decimal("exit_z"),
            OrderSize = p.Quantity("order_size", instrument, problems),
            MaxPosition = p.Quantity("max_position", instrument, problems),
            UseMarketOrders = p.Choice("order_type") == "market",
            SlippageTicks = (int)p.Integer("slippage_ticks"),
            CooldownNs = p.MillisecondsAsNs("cooldown_ms"),
            MaxQuoteAgeNs = p.MillisecondsAsNs("max_quote_age_ms"),
        };
        if (settings.ExitZ >= settings.EntryZ)
            problems.Add($"exit_z: must be below entry_z ({p.Decimal("exit_z")} >= {p.Decimal("entry_z")})");
        if (problems.Count == before && settings.MaxPosition < settings.OrderSize)
            problems.Add($"max_position: must be at least order_size ({p.Decimal("max_position")} < {p.Decimal("order_size")})");
        return problems.Count == before ? settings : null;
    }
}
