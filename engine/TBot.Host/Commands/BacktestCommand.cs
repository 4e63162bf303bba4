using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using TBot.Host.Backtest;
using TBot.Host.Running;
using TBot.Host.Trading;

namespace TBot.Host.Commands;

/// <summary><c>tbot backtest</c>: replay stored history through the live trading pipeline with the paper gateway.</summary>
public static class BacktestCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "Configuration (the run file: bots, risk, execution.paper, timerMs). Default: the sample bots with default parameters." };
        var data = new Option<string>("--data") { Description = $"History catalog directory, or a journal written by `tbot run`. Default {BacktestData.DefaultDirectory}.", DefaultValueFactory = _ => BacktestData.DefaultDirectory };
        var from = new Option<string?>("--from") { Description = "Start at this time (ISO 8601 UTC, or Unix ns)." };
        var to = new Option<string?>("--to") { Description = "Stop after this time (ISO 8601 UTC, or Unix ns)." };
        var json = new Option<FileInfo?>("--json") { Description = "Write the results as JSON to this path." };
        var report = new Option<FileInfo?>("--report") { Description = "Write the HTML report (one self-contained file) to this path." };
        var timer = new Option<int?>("--timer-ms") { Description = "Timer interval of engine time (default: the configuration's timerMs, else 100)." };
        var latency = new Option<double?>("--latency-ms") { Description = "Paper order latency in ms of engine time (default: the configuration's, else 5)." };
        var fees = new Option<string?>("--fees") { Description = "Fees in bps: maker=1,taker=5 (default: the configuration's)." };
        var sample = new Option<int>("--sample-ms") { Description = "Equity sampling interval of engine time (Sharpe/Sortino/drawdown). Default 60000.", DefaultValueFactory = _ => 60_000 };
        var capital = new Option<decimal>("--capital") { Description = "Capital for `return` (quote units). Default 10000.", DefaultValueFactory = _ => 10_000m };
        var journalDir = new Option<string?>("--journal") { Description = "Also write the backtest (events and decisions) as a journal in this new directory, for `tbot analytics --journal DIR`. Off by default." };
        var queue = new Option<string?>("--queue") { Description = "on (default) or off: queue-position-aware limit fills on book/quote data." };
        var command = new Command("backtest", "Replay stored history (or a run's journal) through the same ring, strategies, risk, order manager and paper gateway as a live run; prints and writes results with a deterministic state_hash.")
        {
            config, data, from, to, json, report, timer, latency, fees, sample, capital, queue, journalDir,
        };
        command.SetAction((ParseResult parse, CancellationToken cancellationToken) => Task.FromResult(Execute(parse, cancellationToken)));
        int Execute(ParseResult parse, CancellationToken cancellationToken)
        {
            var problems = new List<string>();
            var fromNs = TimeArgument.Parse(parse.GetValue(from), "--from", problems);
            var toNs = TimeArgument.Parse(parse.GetValue(to), "--to", problems);
            if (fromNs is { } f && toNs is { } t && t < f) problems.Add("--to is before --from.");
            var (maker, taker) = ParseFees(parse.GetValue(fees), problems);
            var queueText = parse.GetValue(queue);
            if (queueText is not (null or "on" or "off")) problems.Add($"--queue '{queueText}': use on or off.");
            if (parse.GetValue(sample) < 1) problems.Add("--sample-ms must be positive.");
            if (parse.GetValue(journalDir) is { } jd && Analytics.BacktestJournal.Check(jd) is { } journalProblem) problems.Add(journalProblem);
            // The same layered configuration as run, project and db (appsettings.json, --config, TBOT_ variables).
            var runConfig = CommandInputs.Config(parse.GetValue(config), problems);
            if (problems.Count > 0) return Fail(problems);
            var backtestData = BacktestData.Discover(parse.GetValue(data)!, fromNs, toNs, problems);
            if (backtestData is null) return Fail(problems);
            var profile = BacktestRunner.Profile(runConfig, backtestData, parse.GetValue(timer), parse.GetValue(latency), maker, taker);
            if (queueText is not null) profile.Execution.Paper.Queue = queueText == "on";
            problems.AddRange(TradingSetup.Validate(profile, backtestData.Registry));
            if (profile.Bots.Count == 0)
                problems.Add($"no bots: the sample bots trade BTCUSDT@binance, ETHUSDT@binance and BTC-USDT@okx, and the data has {string.Join(", ", backtestData.Registry.All.Select(i => i.Key))}; give --config with bots for these instruments.");
            if (problems.Count > 0) return Fail(problems);

            using var loggers = CliLogging.Create(LogLevel.Warning);
            var result = new BacktestRunner(loggers).Run(new BacktestRunner.Settings
            {
                Data = backtestData, Profile = profile, FromNs = fromNs, ToNs = toNs,
                SampleIntervalNs = parse.GetValue(sample) * 1_000_000L, Capital = parse.GetValue(capital),
                JournalDirectory = parse.GetValue(journalDir),
            }, cancellationToken);
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c, $"backtest: {result.Events} events ({result.Data.Leaves} leaves, {result.Data.FirstEvent} → {result.Data.LastEvent}) in {result.DurationSeconds} s ({result.EventsPerSecond:N0} events/s)"));
            Console.WriteLine(string.Create(c, $"orders {result.Orders}, fills {result.Fills}, pnl {result.Pnl}, return {result.Return:P3}, sharpe {result.Sharpe}, sortino {result.Sortino}, max drawdown {result.MaxDrawdown}, win rate {result.WinRate:P1}, fees {result.Fees}"));
            foreach (var b in result.Bots)
                Console.WriteLine(string.Create(c, $"  {b.Id}:{b.Name} ({b.Strategy}): pnl {b.Pnl} (realised {b.Realised}, unrealised {b.Unrealised}, fees {b.Fees}), fills {b.Fills}, {b.State}"));
            Console.WriteLine($"state_hash {result.StateHash}");
            if (parse.GetValue(json) is { } jsonPath) CliJson.Write(jsonPath.FullName, result);
            if (parse.GetValue(report) is { } reportPath)
            {
                File.WriteAllText(reportPath.FullName, HtmlReport.Render(result));
                Console.WriteLine($"wrote {reportPath.FullName}");
            }
            return 0;
        }
        return command;
    }

    private static int Fail(List<string> problems)
    {
        foreach (var p in problems) Console.Error.WriteLine(p);
        return 2;
    }

    /// <summary><c>maker=1,taker=5</c> (bps; either may be left out).</summary>
    public static (decimal? Maker, decimal? Taker) ParseFees(string? text, List<string> problems)
    {
        decimal? maker = null, taker = null;
        if (text is null) return (maker, taker);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2);
            if (kv.Length == 2 && decimal.TryParse(kv[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var bps))
            {
                if (kv[0] == "maker") { maker = bps; continue; }
                if (kv[0] == "taker") { taker = bps; continue; }
            }
            problems.Add($"--fees '{part}': use maker=BPS,taker=BPS.");
        }
        return (maker, taker);
    }
}
