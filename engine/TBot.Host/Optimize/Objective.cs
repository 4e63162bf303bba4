namespace TBot.Host.Optimize;

/// <summary>What the optimizer ranks by. All are maximised except <c>max_drawdown</c> (smaller is better).</summary>
public static class Objective
{
    public static readonly IReadOnlyList<string> Names = ["sharpe", "pnl", "return", "sortino", "max_drawdown"];

    public static bool IsKnown(string name) => Names.Contains(name);

    public static double Value(string name, RunMetrics m) => name switch
    {
        "sharpe" => m.Sharpe,
        "pnl" => (double)m.Pnl,
        "return" => m.Return,
        "sortino" => m.Sortino,
        "max_drawdown" => (double)m.MaxDrawdown,
        _ => throw new ArgumentException($"Unknown objective '{name}'.", nameof(name)),
    };

    /// <summary>Best first; equal values in the ordinal order of the parameter text, so the table is the same on every run.</summary>
    public static List<RunRecord> Rank(IEnumerable<RunRecord> runs, string name)
    {
        var sign = name == "max_drawdown" ? 1 : -1;
        return [.. runs.OrderBy(r => sign * Value(name, r.Metrics)).ThenBy(r => r.Parameters, StringComparer.Ordinal)];
    }
}
