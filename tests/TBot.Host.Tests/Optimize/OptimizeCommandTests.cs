using System.Text.Json;
using TBot.Engine.Instruments;
using TBot.Host.Tests.Backtest;

namespace TBot.Host.Tests.Optimize;

/// <summary><c>tbot optimize</c> end to end (in-process, as the binary runs it) on a crafted kline catalog.</summary>
public sealed class OptimizeCommandTests
{
    private const long Minute = 60_000_000_000;
    internal const string Grid = "entry_z=0.5..2:0.5,window_bars=3|5";

    /// <summary>Six hours of 1-minute ETHUSDT klines: a seeded random walk with mean-reverting swings, so the mean
    /// reversion bot trades and the combinations differ.</summary>
    internal static CatalogWriter Klines(out string config)
    {
        var catalog = new CatalogWriter();
        var rng = new Random(11);
        var candles = new List<TBot.Engine.Events.MarketEvent>();
        long close = 10_000;
        for (var i = 1; i <= 360; i++)
        {
            var open = close;
            close = 10_000 + (close - 10_000) * 6 / 10 + rng.Next(-40, 41);
            candles.Add(CatalogWriter.Candle(CatalogWriter.Day0 + i * Minute, open, Math.Max(open, close) + 2, Math.Min(open, close) - 2, close, 1_000_000));
        }
        catalog.Leaf(Venue.Binance, "ETHUSDT", 2, 3, "klines", new DateOnly(2026, 1, 5), candles);
        config = catalog.WriteFile("bots.json", """
            { "bots": [ { "id": 4, "name": "mr", "strategy": "mean-reversion", "parameters": {
                "instrument": "ETHUSDT@binance", "bar_ms": 1000, "window_bars": 3, "entry_z": "1",
                "order_size": "1", "max_position": "1", "order_type": "market", "cooldown_ms": 0, "max_quote_age_ms": 0 } } ],
              "timerMs": 60000, "execution": { "paper": { "latencyMs": 0, "makerFeeBps": 0, "takerFeeBps": 1 } } }
            """);
        return catalog;
    }

    internal static async Task<JsonElement> Optimize(CatalogWriter catalog, string config, string name, params string[] extra)
    {
        var json = Path.Combine(catalog.Root, name + ".json");
        string[] args = ["optimize", "--data", catalog.Root, "--config", config, "--grid", Grid, "--objective", "pnl", "--json", json,
            "--state", Path.Combine(catalog.Root, name + ".jsonl"), .. extra];
        Assert.Equal(0, await Program.MainAsync(args));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        return doc.RootElement.Clone();
    }

    private static string Table(JsonElement report) => report.GetProperty("runs").GetRawText();

    [Fact]
    public async Task The_best_is_the_best_of_each_combination_backtested_directly_and_invalid_combinations_are_reported()
    {
        using var catalog = Klines(out var config);
        var report = await Optimize(catalog, config, "opt", "--parallel", "2");

        // entry_z 0.5 is not above the default exit_z 0.5: the strategy rejects it, so 2 of 8 are not run.
        var invalid = report.GetProperty("invalid").EnumerateArray().Select(i => i.GetProperty("parameters").GetString()).ToList();
        Assert.Equal(["entry_z=0.5,window_bars=3", "entry_z=0.5,window_bars=5"], invalid);
        var runs = report.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(6, runs.Count);
        Assert.Equal(6, report.GetProperty("executed").GetInt32());

        // Each combination backtested on its own with `tbot backtest`: same PnL and state hash; the best is the max.
        var direct = new List<(string Parameters, decimal Pnl)>();
        foreach (var run in runs)
        {
            var p = run.GetProperty("parameters");
            var botConfig = File.ReadAllText(config)
                .Replace("\"window_bars\": 3", $"\"window_bars\": {p.GetProperty("window_bars").GetString()}", StringComparison.Ordinal)
                .Replace("\"entry_z\": \"1\"", $"\"entry_z\": \"{p.GetProperty("entry_z").GetString()}\"", StringComparison.Ordinal);
            var file = catalog.WriteFile($"direct-{run.GetProperty("rank").GetInt32()}.json", botConfig);
            var json = Path.Combine(catalog.Root, $"direct-{run.GetProperty("rank").GetInt32()}-out.json");
            Assert.Equal(0, await Program.MainAsync(["backtest", "--data", catalog.Root, "--config", file, "--json", json]));
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            var pnl = doc.RootElement.GetProperty("pnl").GetDecimal();
            Assert.Equal(pnl, run.GetProperty("pnl").GetDecimal());
            Assert.Equal(doc.RootElement.GetProperty("state_hash").GetString(), run.GetProperty("state_hash").GetString());
            direct.Add((run.GetProperty("parameters_text").GetString()!, pnl));
        }
        Assert.True(direct.Select(d => d.Pnl).Distinct().Count() > 1, "the crafted data should separate the combinations");
        var best = direct.OrderByDescending(d => d.Pnl).ThenBy(d => d.Parameters, StringComparer.Ordinal).First();
        Assert.Equal(best.Parameters, report.GetProperty("best").GetProperty("parameters_text").GetString());
        Assert.Equal(1, report.GetProperty("best").GetProperty("rank").GetInt32());
        var objectives = runs.Select(r => r.GetProperty("objective").GetDouble()).ToList();
        Assert.Equal(objectives.OrderByDescending(o => o), objectives);
    }

    [Fact]
    public async Task Parallel_1_and_2_and_a_second_run_give_the_same_table()
    {
        using var catalog = Klines(out var config);
        var one = await Optimize(catalog, config, "p1", "--parallel", "1");
        var two = await Optimize(catalog, config, "p2", "--parallel", "2");
        var again = await Optimize(catalog, config, "p2b", "--parallel", "2");
        Assert.Equal(Table(one), Table(two));
        Assert.Equal(Table(two), Table(again));
        Assert.Equal(6, again.GetProperty("executed").GetInt32());
    }

    [Fact]
    public async Task A_rerun_after_the_state_file_lost_half_its_runs_does_only_the_rest_and_gives_the_same_table()
    {
        using var catalog = Klines(out var config);
        var first = await Optimize(catalog, config, "full");
        var state = Path.Combine(catalog.Root, "full.jsonl");
        var lines = File.ReadAllLines(state);
        Assert.Equal(6, lines.Length);
        // Keep half, and a torn line as an interrupted write leaves it.
        File.WriteAllText(state, string.Join("\n", lines.Take(3)) + "\n" + lines[3][..20]);
        var resumed = await Optimize(catalog, config, "full");
        Assert.Equal(3, resumed.GetProperty("resumed").GetInt32());
        Assert.Equal(3, resumed.GetProperty("executed").GetInt32());
        Assert.Equal(Table(first), Table(resumed));
        var third = await Optimize(catalog, config, "full");
        Assert.Equal(0, third.GetProperty("executed").GetInt32());
        Assert.Equal(Table(first), Table(third));
    }

    [Fact]
    public async Task Walk_forward_reports_in_sample_and_out_of_sample_per_window_and_the_report_has_a_heat_map()
    {
        using var catalog = Klines(out var config);
        var html = Path.Combine(catalog.Root, "wf.html");
        var report = await Optimize(catalog, config, "wf", "--walk-forward", "train=2h,test=1h", "--report", html);
        var windows = report.GetProperty("walk_forward").GetProperty("windows").EnumerateArray().ToList();
        // Data from 00:01 to 06:00: train windows start at 00:01, 01:01, 02:01, 03:01 (each needs 2 h of data).
        Assert.Equal(4, windows.Count);
        foreach (var w in windows)
        {
            Assert.Equal(w.GetProperty("best_parameters").GetString(), w.GetProperty("in_sample").GetProperty("parameters_text").GetString());
            Assert.Equal(w.GetProperty("best_parameters").GetString(), w.GetProperty("out_of_sample").GetProperty("parameters_text").GetString());
            Assert.True(string.CompareOrdinal(w.GetProperty("train_to").GetString(), w.GetProperty("test_from").GetString()) < 0);
        }
        var text = File.ReadAllText(html);
        Assert.Contains("id=\"heatmap\"", text, StringComparison.Ordinal);
        Assert.Equal(6, text.Split("class=\"cell\"").Length - 1); // 3 valid entry_z × 2 window_bars
    }
}
