using System.Text.Json.Serialization;

namespace TBot.Host.Backtest;

/// <summary>What <c>tbot backtest --json</c> writes. Everything but <see cref="EventsPerSecond"/> and
/// <see cref="DurationSeconds"/> (wall-clock timing) is the same for the same data, window and configuration.</summary>
public sealed record BacktestResult
{
    /// <summary>Market-data events replayed (timer and control events not counted).</summary>
    [JsonPropertyName("events")] public long Events { get; init; }
    [JsonPropertyName("timer_events")] public long TimerEvents { get; init; }
    [JsonPropertyName("events_per_sec")] public double EventsPerSecond { get; init; }
    [JsonPropertyName("duration_s")] public double DurationSeconds { get; init; }
    /// <summary>Fills (each execution of one of our orders).</summary>
    [JsonPropertyName("trades")] public long Trades { get; init; }
    /// <summary>Total PnL over all bots: realised + unrealised at the final mid − fees (quote units).</summary>
    [JsonPropertyName("pnl")] public decimal Pnl { get; init; }
    /// <summary>PnL / capital.</summary>
    [JsonPropertyName("return")] public double Return { get; init; }
    [JsonPropertyName("capital")] public decimal Capital { get; init; }
    [JsonPropertyName("sharpe")] public double Sharpe { get; init; }
    [JsonPropertyName("sortino")] public double Sortino { get; init; }
    /// <summary>Largest peak-to-trough fall of sampled equity (quote units, ≥ 0).</summary>
    [JsonPropertyName("max_drawdown")] public decimal MaxDrawdown { get; init; }
    [JsonPropertyName("win_rate")] public double WinRate { get; init; }
    [JsonPropertyName("round_trips")] public long RoundTrips { get; init; }
    /// <summary>Notional traded (quote units).</summary>
    [JsonPropertyName("turnover")] public decimal Turnover { get; init; }
    /// <summary>Share of sample intervals that ended with a position open.</summary>
    [JsonPropertyName("exposure")] public double Exposure { get; init; }
    [JsonPropertyName("fees")] public decimal Fees { get; init; }
    [JsonPropertyName("orders")] public long Orders { get; init; }
    [JsonPropertyName("fills")] public long Fills { get; init; }
    [JsonPropertyName("maker_fills")] public long MakerFills { get; init; }
    [JsonPropertyName("cancels")] public long Cancels { get; init; }
    [JsonPropertyName("expired")] public long Expired { get; init; }
    [JsonPropertyName("kill_switches")] public long KillSwitches { get; init; }
    [JsonPropertyName("rejections")] public Rejections Rejections { get; init; } = new();
    [JsonPropertyName("state_hash")] public string StateHash { get; init; } = "";
    [JsonPropertyName("bots")] public List<BotResult> Bots { get; init; } = [];
    [JsonPropertyName("data")] public DataRange Data { get; init; } = new();
    [JsonPropertyName("fill_model")] public FillModel FillModel { get; init; } = new();
    [JsonPropertyName("sampling")] public Sampling Sampling { get; init; } = new();
    [JsonPropertyName("equity_curve")] public List<EquityPoint> EquityCurve { get; init; } = [];
    /// <summary>The first fills (bounded; <see cref="Trades"/> counts all).</summary>
    [JsonPropertyName("trade_list")] public List<TradeRow> TradeList { get; init; } = [];
}

public sealed record Rejections
{
    [JsonPropertyName("risk")] public SortedDictionary<string, long> Risk { get; init; } = [];
    [JsonPropertyName("venue")] public SortedDictionary<string, long> Venue { get; init; } = [];
}

public sealed record BotResult
{
    [JsonPropertyName("id")] public int Id { get; init; }
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("strategy")] public string Strategy { get; init; } = "";
    [JsonPropertyName("pnl")] public decimal Pnl { get; init; }
    [JsonPropertyName("realised")] public decimal Realised { get; init; }
    [JsonPropertyName("unrealised")] public decimal Unrealised { get; init; }
    [JsonPropertyName("fees")] public decimal Fees { get; init; }
    [JsonPropertyName("orders")] public long Orders { get; init; }
    [JsonPropertyName("fills")] public long Fills { get; init; }
    [JsonPropertyName("maker_fills")] public long MakerFills { get; init; }
    [JsonPropertyName("round_trips")] public long RoundTrips { get; init; }
    [JsonPropertyName("wins")] public long Wins { get; init; }
    [JsonPropertyName("win_rate")] public double WinRate { get; init; }
    [JsonPropertyName("turnover")] public decimal Turnover { get; init; }
    [JsonPropertyName("max_drawdown")] public decimal MaxDrawdown { get; init; }
    [JsonPropertyName("state")] public string State { get; init; } = "";
    /// <summary>instrument → signed position (decimal text).</summary>
    [JsonPropertyName("positions")] public SortedDictionary<string, string> Positions { get; init; } = [];
}

public sealed record DataRange
{
    [JsonPropertyName("source")] public string Source { get; init; } = "";
    [JsonPropertyName("directory")] public string Directory { get; init; } = "";
    [JsonPropertyName("leaves")] public int Leaves { get; init; }
    [JsonPropertyName("max_open_leaves")] public int MaxOpenLeaves { get; init; }
    [JsonPropertyName("kinds")] public List<string> Kinds { get; init; } = [];
    [JsonPropertyName("instruments")] public List<string> Instruments { get; init; } = [];
    [JsonPropertyName("bar_instruments")] public List<string> BarInstruments { get; init; } = [];
    /// <summary>Instruments with trades only: each print sets a synthetic quote one tick either side.</summary>
    [JsonPropertyName("trade_quote_instruments")] public List<string> TradeQuoteInstruments { get; init; } = [];
    /// <summary>The requested window (null = open).</summary>
    [JsonPropertyName("from")] public string? From { get; init; }
    [JsonPropertyName("to")] public string? To { get; init; }
    /// <summary>Engine time of the first and last event replayed.</summary>
    [JsonPropertyName("first_event")] public string? FirstEvent { get; init; }
    [JsonPropertyName("last_event")] public string? LastEvent { get; init; }
}

public sealed record FillModel
{
    /// <summary>"queue" (queue-position aware) or "top" (the live paper model: first in the queue).</summary>
    [JsonPropertyName("book")] public string Book { get; init; } = "";
    [JsonPropertyName("bars")] public string Bars { get; init; } = "";
    [JsonPropertyName("latency_ms")] public double LatencyMs { get; init; }
    [JsonPropertyName("maker_fee_bps")] public decimal MakerFeeBps { get; init; }
    [JsonPropertyName("taker_fee_bps")] public decimal TakerFeeBps { get; init; }
    [JsonPropertyName("bar_slippage_ticks")] public int BarSlippageTicks { get; init; }
    [JsonPropertyName("bar_volume_fraction_bps")] public int BarVolumeFractionBps { get; init; }
}

public sealed record Sampling
{
    [JsonPropertyName("interval_ms")] public long IntervalMs { get; init; }
    [JsonPropertyName("intervals")] public long Intervals { get; init; }
    /// <summary>Intervals per year used to annualise Sharpe and Sortino (365 days: crypto trades every day).</summary>
    [JsonPropertyName("periods_per_year")] public double PeriodsPerYear { get; init; }
    [JsonPropertyName("timer_ms")] public int TimerMs { get; init; }
}

public sealed record EquityPoint
{
    [JsonPropertyName("t")] public string Time { get; init; } = "";
    [JsonPropertyName("equity")] public decimal Equity { get; init; }
    [JsonPropertyName("drawdown")] public decimal Drawdown { get; init; }
}

public sealed record TradeRow
{
    [JsonPropertyName("t")] public string Time { get; init; } = "";
    [JsonPropertyName("bot")] public int Bot { get; init; }
    [JsonPropertyName("instrument")] public string Instrument { get; init; } = "";
    [JsonPropertyName("side")] public string Side { get; init; } = "";
    [JsonPropertyName("price")] public string Price { get; init; } = "";
    [JsonPropertyName("quantity")] public string Quantity { get; init; } = "";
    [JsonPropertyName("fee")] public decimal Fee { get; init; }
    [JsonPropertyName("realised")] public decimal Realised { get; init; }
    [JsonPropertyName("maker")] public bool Maker { get; init; }
}
