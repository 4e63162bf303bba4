using System.Text.Json.Serialization;
using TBot.Host.Backtest;

namespace TBot.Host.Optimize;

/// <summary>The numbers of one backtest the optimizer keeps (and the state file stores).</summary>
public sealed record RunMetrics
{
    [JsonPropertyName("pnl")] public decimal Pnl { get; init; }
    [JsonPropertyName("return")] public double Return { get; init; }
    [JsonPropertyName("sharpe")] public double Sharpe { get; init; }
    [JsonPropertyName("sortino")] public double Sortino { get; init; }
    [JsonPropertyName("max_drawdown")] public decimal MaxDrawdown { get; init; }
    [JsonPropertyName("trades")] public long Trades { get; init; }
    [JsonPropertyName("events")] public long Events { get; init; }
    [JsonPropertyName("state_hash")] public string StateHash { get; init; } = "";

    public static RunMetrics From(BacktestResult r) => new()
    {
        Pnl = r.Pnl, Return = r.Return, Sharpe = r.Sharpe, Sortino = r.Sortino, MaxDrawdown = r.MaxDrawdown,
        Trades = r.Trades, Events = r.Events, StateHash = r.StateHash,
    };
}

/// <summary>One finished combination: one line of the state file. <see cref="Context"/> ties it to the data, window and
/// configuration it ran on, so a state file is never reused for a different problem.</summary>
public sealed record RunRecord
{
    [JsonPropertyName("context")] public string Context { get; init; } = "";
    [JsonPropertyName("parameters")] public string Parameters { get; init; } = "";
    [JsonPropertyName("metrics")] public RunMetrics Metrics { get; init; } = new();
}
