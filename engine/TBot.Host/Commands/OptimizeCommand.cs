using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using TBot.Engine.Strategy;
using TBot.Host.Backtest;
using TBot.Host.Optimize;
using TBot.Host.Running;
using TBot.Host.Trading;

namespace TBot.Host.Commands;

/// <summary><c>tbot optimize</c>: one backtest per combination of a bot's strategy parameters, in parallel, ranked by an
/// objective; resumable; optional walk-forward (see Optimize/README.md).</summary>
public static class OptimizeCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "Configuration (bots, risk, execution.paper, timerMs). Default: the sample bots with default parameters." };
        var data = new Option<string>("--data") { Description = $"History catalog or run journal. Default {BacktestData.DefaultDirectory}.", DefaultValueFactory = _ => BacktestData.DefaultDirectory };
        var from = new Option<string?>("--from") { Description = "Start (ISO 8601 UTC or Unix ns)." };
        var to = new Option<string?>("--to") { Description = "End, inclusive (ISO 8601 UTC or Unix ns)." };
        var grid = new Option<string?>("--grid") { Description = "Every combination of \"param=a..b:step,param2=x|y\"." };
        var random = new Option<int?>("--random") { Description = "N random combinations of --space (or --grid's ranges; a..b without a step is uniform)." };
        var space = new Option<string?>("--space") { Description = "The ranges --random draws from (same syntax as --grid)." };
        var seed = new Option<int>("--seed") { Description = "Seed of --random. Default 1.", DefaultValueFactory = _ => 1 };
        var bot = new Option<string?>("--bot") { Description = "The bot to optimise (id or name). Default: the first bot that trades the data." };
        var objective = new Option<string>("--objective") { Description = "sharpe (default), pnl, return, sortino or max_drawdown (minimised).", DefaultValueFactory = _ => "sharpe" };
        var parallel = new Option<int>("--parallel") { Description = "Backtests at once. Default: the number of cores.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<FileInfo?>("--json") { Description = "Write the ranked runs as JSON to this path." };
        var state = new Option<FileInfo?>("--state") { Description = "Resume file (one JSON line per finished run). Default: optimize-state.jsonl next to --json, else in the data directory." };
        var walk = new Option<string?>("--walk-forward") { Description = "Rolling windows \"train=6h,test=2h\": optimise on each train window, evaluate its best on the next test window." };
        var report = new Option<FileInfo?>("--report") { Description = "Write an HTML report (ranked table and a heat map over the first two parameters)." };
        var sample = new Option<int>("--sample-ms") { Description = "Equity sampling interval (Sharpe/Sortino/drawdown). Default 60000.", DefaultValueFactory = _ => 60_000 };
        var capital = new Option<decimal>("--capital") { Description = "Capital for `return`. Default 10000.", DefaultValueFactory = _ => 10_000m };
        var top = new Option<int>("--top") { Description = "Rows of the printed table. Default 20.", DefaultValueFactory = _ => 20 };
        var command = new Command("optimize", "Backtest every combination (--grid) or N random combinations (--random) of one bot's strategy parameters in parallel and rank them by an objective; resumes from --state; --walk-forward reports in-sample next to out-of-sample.")
        {
            config, data, from, to, grid, random, space, seed, bot, objective, parallel, json, state, walk, report, sample, capital, top,
        };
        command.SetAction((ParseResult parse, CancellationToken cancel) => Task.FromResult(Execute(parse, cancel)));
        int Execute(ParseResult parse, CancellationToken cancel)
        {
            var problems = new List<string>();
            var fromNs = TimeArgument.Parse(parse.GetValue(from), "--from", problems);
            var toNs = TimeArgument.Parse(parse.GetValue(to), "--to", problems);
            var objectiveName = parse.GetValue(objective)!;
            if (!Objective.IsKnown(objectiveName)) problems.Add($"--objective '{objectiveName}': use {string.Join(", ", Objective.Names)}.");
            var gridText = parse.GetValue(grid);
            var randomCount = parse.GetValue(random);
            var spaceText = parse.GetValue(space) ?? gridText;
            if (randomCount is null && gridText is null) problems.Add("give --grid \"param=a..b:step,...\" or --random N --space \"param=a..b,...\".");
            if (randomCount is < 1) problems.Add("--random must be at least 1.");
            if (randomCount is not null && spaceText is null) problems.Add("--random needs --space (or --grid) to draw from.");
            if (parse.GetValue(parallel) < 1) problems.Add("--parallel must be at least 1.");
            if (parse.GetValue(sample) < 1) problems.Add("--sample-ms must be positive.");
            (TimeSpan Train, TimeSpan Test)? walkForward = parse.GetValue(walk) is { } w ? WalkForward.Parse(w, problems) : null;
            // The same layered configuration as run, project and db (appsettings.json, --config, TBOT_ variables).
            var runConfig = CommandInputs.Config(parse.GetValue(config), problems);
            if (problems.Count > 0) return Fail(problems);
            var backtestData = BacktestData.Discover(parse.GetValue(data)!, fromNs, toNs, problems);
            if (backtestData is null) return Fail(problems);
            var profile = BacktestRunner.Profile(runConfig, backtestData, null, null, null, null);
            var chosen = ChooseBot(profile, backtestData, parse.GetValue(bot), problems);
            if (chosen is null) return Fail(problems);
            var specs = StrategyFactory.Describe(chosen.Strategy);
            var parameterSpace = ParameterSpace.Parse(randomCount is null ? gridText! : spaceText!, specs, randomCount is not null, problems);
            if (parameterSpace is null) return Fail(problems);
            var sets = randomCount is { } n ? parameterSpace.Random(n, parse.GetValue(seed)) : parameterSpace.Grid();
            var byText = sets.ToDictionary(s => s.Text, StringComparer.Ordinal);

            var jsonPath = parse.GetValue(json)?.FullName;
            var statePath = parse.GetValue(state)?.FullName
                ?? Path.Combine(jsonPath is not null ? Path.GetDirectoryName(jsonPath)! : backtestData.Directory, "optimize-state.jsonl");
            using var stateFile = new RunStateFile(statePath);
            using var loggers = CliLogging.Create(LogLevel.Warning);
            var c = CultureInfo.InvariantCulture;
            var finished = 0;
            var optimizer = new Optimizer(loggers, new Optimizer.Options
            {
                Data = backtestData, Profile = profile, Bot = chosen, Parallel = parse.GetValue(parallel), State = stateFile,
                SampleIntervalNs = parse.GetValue(sample) * 1_000_000L, Capital = parse.GetValue(capital),
                Finished = r =>
                {
                    var k = Interlocked.Increment(ref finished);
                    if (k % 10 == 0) Console.Error.WriteLine(string.Create(c, $"optimize: {k} backtests done"));
                },
            });
            Console.WriteLine(string.Create(c, $"optimize: bot {chosen.Id}:{chosen.Name} ({chosen.Strategy}), {sets.Count} combinations of {string.Join(", ", parameterSpace.Names)}, objective {objectiveName}, parallel {parse.GetValue(parallel)}, state {stateFile.Path} ({stateFile.Loaded} runs on file)"));

            var clock = Stopwatch.StartNew();
            int executed = 0, resumed = 0;
            List<Optimizer.Invalid> invalid;
            var failed = new List<Optimizer.Failed>();
            List<RankedRun> ranked;
            WalkForwardReport? walkReport = null;
            if (walkForward is { } wf)
            {
                var range = WalkForward.DataRange(backtestData, fromNs, toNs);
                var windows = range is { } r ? WalkForward.Windows(r.First, r.Last, wf.Train, wf.Test) : [];
                if (windows.Count == 0) return Fail([$"--walk-forward: the data ({(range is { } rr ? $"{BacktestRunner.Iso(rr.First)} → {BacktestRunner.Iso(rr.Last)}" : "empty")}) is shorter than one training window."]);
                var rows = new List<WalkForwardWindow>();
                invalid = [];
                ranked = [];
                foreach (var (window, index) in windows.Select((x, i) => (x, i)))
                {
                    var train = optimizer.Evaluate(sets, window.TrainFrom, window.TrainTo, cancel);
                    executed += train.Executed;
                    resumed += train.Resumed;
                    invalid = train.Invalid;
                    failed.AddRange(train.Failed);
                    ranked = RankedRun.From(Objective.Rank(train.Runs, objectiveName), objectiveName, byText);
                    RankedRun? outOfSample = null;
                    if (ranked.Count > 0)
                    {
                        var test = optimizer.Evaluate([byText[ranked[0].ParametersText]], window.TestFrom, window.TestTo, cancel);
                        executed += test.Executed;
                        resumed += test.Resumed;
                        failed.AddRange(test.Failed);
                        outOfSample = RankedRun.From(test.Runs, objectiveName, byText).FirstOrDefault();
                    }
                    rows.Add(new WalkForwardWindow
                    {
                        Index = index + 1, TrainFrom = BacktestRunner.Iso(window.TrainFrom), TrainTo = BacktestRunner.Iso(window.TrainTo),
                        TestFrom = BacktestRunner.Iso(window.TestFrom), TestTo = BacktestRunner.Iso(window.TestTo),
                        BestParameters = ranked.FirstOrDefault()?.ParametersText, InSample = ranked.FirstOrDefault(), OutOfSample = outOfSample,
                    });
                }
                var scored = rows.Where(x => x.InSample is not null && x.OutOfSample is not null).ToList();
                walkReport = new WalkForwardReport
                {
                    Train = parse.GetValue(walk)!.Split(',')[0].Split('=')[^1].Trim(), Test = parse.GetValue(walk)!.Split(',')[^1].Split('=')[^1].Trim(),
                    Windows = rows,
                    MeanInSample = scored.Count > 0 ? Math.Round(scored.Average(x => x.InSample!.Objective), 6) : 0,
                    MeanOutOfSample = scored.Count > 0 ? Math.Round(scored.Average(x => x.OutOfSample!.Objective), 6) : 0,
                };
            }
            else
            {
                var outcome = optimizer.Evaluate(sets, fromNs, toNs, cancel);
                executed = outcome.Executed;
                resumed = outcome.Resumed;
                invalid = outcome.Invalid;
                failed.AddRange(outcome.Failed);
                ranked = RankedRun.From(Objective.Rank(outcome.Runs, objectiveName), objectiveName, byText);
            }
            var seconds = clock.Elapsed.TotalSeconds;
            var result = new OptimizeReport
            {
                Objective = objectiveName,
                Bot = new BotInfo { Id = chosen.Id, Name = chosen.Name, Strategy = chosen.Strategy },
                Search = randomCount is null ? "grid" : "random",
                Parameters = [.. parameterSpace.Names],
                Combinations = sets.Count, Executed = executed, Resumed = resumed,
                DurationSeconds = Math.Round(seconds, 3), RunsPerSecond = seconds > 0 ? Math.Round(executed / seconds, 3) : 0,
                State = stateFile.Path, Invalid = invalid, Failed = failed, Runs = ranked, Best = ranked.FirstOrDefault(), WalkForward = walkReport,
            };
            Print(result, parse.GetValue(top));
            if (jsonPath is not null) CliJson.Write(jsonPath, result);
            if (parse.GetValue(report) is { } reportPath)
            {
                File.WriteAllText(reportPath.FullName, OptimizeHtml.Render(result));
                Console.WriteLine($"wrote {reportPath.FullName}");
            }
            // Partial results are written; exit 1 says some combinations need a rerun (which resumes the rest).
            return failed.Count > 0 ? 1 : 0;
        }
        return command;
    }

    /// <summary>The bot named by --bot, else the first whose strategy accepts the data's instruments.</summary>
    private static BotConfig? ChooseBot(TradingProfile profile, BacktestData data, string? wanted, List<string> problems)
    {
        if (wanted is not null)
        {
            var match = profile.Bots.FirstOrDefault(b => b.Name == wanted || int.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && b.Id == id);
            if (match is null) problems.Add($"--bot '{wanted}': no such bot (bots: {string.Join(", ", profile.Bots.Select(b => $"{b.Id}:{b.Name}"))}).");
            return match;
        }
        foreach (var b in profile.Bots)
        {
            var check = new List<string>();
            if (StrategyFactory.IsKnown(b.Strategy) && StrategyFactory.TryCreate(b.Strategy, b.Id, b.Parameters, data.Registry, out _, check)) return b;
        }
        problems.Add($"no bot trades the data ({string.Join(", ", data.Registry.All.Select(i => i.Key))}): the sample bots trade BTCUSDT@binance, ETHUSDT@binance and BTC-USDT@okx; give --config with a bot for these instruments.");
        return null;
    }

    private static void Print(OptimizeReport r, int top)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"{r.Executed} backtests run, {r.Resumed} resumed from the state file, {r.Invalid.Count} invalid, {r.Failed.Count} failed, in {r.DurationSeconds} s ({r.RunsPerSecond} runs/s)"));
        foreach (var bad in r.Invalid.Take(top)) Console.WriteLine($"  invalid {bad.Parameters}: {string.Join(" ", bad.Problems)}");
        foreach (var bad in r.Failed.Take(top)) Console.WriteLine($"  failed {bad.Parameters}: {bad.Error} (not saved: a rerun tries it again)");
        if (r.WalkForward is { } wf)
        {
            Console.WriteLine($"walk-forward train {wf.Train}, test {wf.Test} ({r.Objective}: in-sample | out-of-sample)");
            foreach (var w in wf.Windows)
                Console.WriteLine(string.Create(c, $"  {w.Index,3} {w.TrainFrom} → {w.TestTo}  {w.BestParameters ?? "-",-40} {w.InSample?.Objective,12} | {w.OutOfSample?.Objective,12}"));
            Console.WriteLine(string.Create(c, $"  mean {wf.MeanInSample} | {wf.MeanOutOfSample}"));
            Console.WriteLine("last training window:");
        }
        Console.WriteLine(string.Create(c, $"{"rank",4} {r.Objective,12} {"pnl",12} {"sharpe",9} {"max_dd",10} {"trades",7}  parameters"));
        foreach (var run in r.Runs.Take(top))
            Console.WriteLine(string.Create(c, $"{run.Rank,4} {run.Objective,12:G6} {run.Pnl,12} {run.Sharpe,9:G4} {run.MaxDrawdown,10} {run.Trades,7}  {run.ParametersText}"));
        if (r.Best is { } best) Console.WriteLine($"best {best.ParametersText} ({r.Objective} {best.Objective.ToString(c)}, state_hash {best.StateHash})");
    }

    private static int Fail(List<string> problems)
    {
        foreach (var p in problems) Console.Error.WriteLine(p);
        return 2;
    }
}
