using System.Text.Json.Serialization;

namespace TBot.Host.Optimize;

/// <summary>What <c>tbot optimize --json</c> writes: the ranked runs (best first), the best, the combinations the
/// strategy rejected, and the walk-forward windows when asked for.</summary>
public sealed record OptimizeReport
{
    [JsonPropertyName("objective")] public string Objective { get; init; } = "";
    [JsonPropertyName("bot")] public BotInfo Bot { get; init; } = new();
    [JsonPropertyName("search")] public string Search { get; init; } = "";
    [JsonPropertyName("parameters")] public List<string> Parameters { get; init; } = [];
    [JsonPropertyName("combinations")] public int Combinations { get; init; }
    /// <summary>Backtests run by this invocation (combinations × windows, less resumed and invalid ones).</summary>
    [JsonPropertyName("executed")] public int Executed { get; init; }
    [JsonPropertyName("resumed")] public int Resumed { get; init; }
    [JsonPropertyName("duration_s")] public double DurationSeconds { get; init; }
    [JsonPropertyName("runs_per_sec")] public double RunsPerSecond { get; init; }
    [JsonPropertyName("state")] public string? State { get; init; }
    [JsonPropertyName("invalid")] public List<Optimizer.Invalid> Invalid { get; init; } = [];
    /// <summary>Backtests that threw (all windows); not in the state file, so a rerun tries them again.</summary>
    [JsonPropertyName("failed")] public List<Optimizer.Failed> Failed { get; init; } = [];
    /// <summary>Over the whole window (--from/--to); with --walk-forward, the runs of the last training window.</summary>
    [JsonPropertyName("runs")] public List<RankedRun> Runs { get; init; } = [];
    [JsonPropertyName("best")] public RankedRun? Best { get; init; }
    [JsonPropertyName("walk_forward")] public WalkForwardReport? WalkForward { get; init; }
}

public sealed record BotInfo
{
    [JsonPropertyName("id")] public int Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("strategy")] public string Strategy { get; init; } = "";
}

public sealed record RankedRun
{
    [JsonPropertyName("rank")] public int Rank { get; init; }
    [JsonPropertyName("parameters")] public Dictionary<string, string> Parameters { get; init; } = [];
    [JsonPropertyName("parameters_text")] public string ParametersText { get; init; } = "";
    [JsonPropertyName("objective")] public double Objective { get; init; }
    [JsonPropertyName("pnl")] public decimal Pnl { get; init; }
    [JsonPropertyName("return")] public double Return { get; init; }
    [JsonPropertyName("sharpe")] public double Sharpe { get; init; }
    [JsonPropertyName("sortino")] public double Sortino { get; init; }
    [JsonPropertyName("max_drawdown")] public decimal MaxDrawdown { get; init; }
    [JsonPropertyName("trades")] public long Trades { get; init; }
    [JsonPropertyName("events")] public long Events { get; init; }
    [JsonPropertyName("state_hash")] public string StateHash { get; init; } = "";

    public static List<RankedRun> From(IEnumerable<RunRecord> ranked, string objective, IReadOnlyDictionary<string, ParameterSet> sets) =>
    [
        .. ranked.Select((r, i) => new RankedRun
        {
            Rank = i + 1,
            Parameters = sets[r.Parameters].Values.ToDictionary(v => v.Key, v => v.Value),
            ParametersText = r.Parameters,
            Objective = Optimize.Objective.Value(objective, r.Metrics),
            Pnl = r.Metrics.Pnl, Return = r.Metrics.Return, Sharpe = r.Metrics.Sharpe, Sortino = r.Metrics.Sortino,
            MaxDrawdown = r.Metrics.MaxDrawdown, Trades = r.Metrics.Trades, Events = r.Metrics.Events, StateHash = r.Metrics.StateHash,
        }),
    ];
}

public sealed record WalkForwardReport
{
    [JsonPropertyName("train")] public string Train { get; init; } = "";
    [JsonPropertyName("test")] public string Test { get; init; } = "";
    [JsonPropertyName("windows")] public List<WalkForwardWindow> Windows { get; init; } = [];
    /// <summary>Means over the windows that had a best run: in-sample vs out-of-sample objective.</summary>
    [JsonPropertyName("mean_in_sample")] public double MeanInSample { get; init; }
    [JsonPropertyName("mean_out_of_sample")] public double MeanOutOfSample { get; init; }
}

public sealed record WalkForwardWindow
{
    [JsonPropertyName("index")] public int Index { get; init; }
    [JsonPropertyName("train_from")] public string TrainFrom { get; init; } = "";
    [JsonPropertyName("train_to")] public string TrainTo { get; init; } = "";
    [JsonPropertyName("test_from")] public string TestFrom { get; init; } = "";
    [JsonPropertyName("test_to")] public string TestTo { get; init; } = "";
    [JsonPropertyName("best_parameters")] public string? BestParameters { get; init; }
    [JsonPropertyName("in_sample")] public RankedRun? InSample { get; init; }
    [JsonPropertyName("out_of_sample")] public RankedRun? OutOfSample { get; init; }
}
