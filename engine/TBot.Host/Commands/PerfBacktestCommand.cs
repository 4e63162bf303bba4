using System.CommandLine;
using TBot.Engine.Journal;
using TBot.Host.Trading;
using TBot.Perf.Backtest;

namespace TBot.Host.Commands;

/// <summary><c>tbot perf backtest</c>: backtest throughput on book/quote data with the sample bots, as <c>tbot backtest</c> builds them.</summary>
public static class PerfBacktestCommand
{
    public static Command Create()
    {
        var events = new Option<int>("--events") { Description = "Events per instrument (two instruments).", DefaultValueFactory = _ => 2_500_000 };
        var dir = new Option<string>("--data-dir") { Description = "Where the generated history goes (default tmpfs /dev/shm/tbot-perf-backtest; reused).", DefaultValueFactory = _ => "/dev/shm/tbot-perf-backtest" };
        var runs = new Option<int>("--runs") { Description = "Runs (best kept).", DefaultValueFactory = _ => 3 };
        var json = new Option<FileInfo?>("--json") { Description = "Write the result as JSON to this path." };
        var command = new Command("backtest", "Backtest throughput: journal reading + k-way merge, + trading core on one thread (allocations per event), and through the ring.") { events, dir, runs, json };
        command.SetAction(parse =>
        {
            if (parse.GetValue(events) < 1_000 || parse.GetValue(runs) < 1)
            {
                Console.Error.WriteLine("--events at least 1000, --runs at least 1.");
                return 2;
            }
            var r = BacktestHarness.Run(new BacktestHarness.Options(parse.GetValue(events), parse.GetValue(dir)!, parse.GetValue(runs), 100_000_000, BuildCore), Console.Out);
            Console.WriteLine();
            Console.WriteLine("| events | merge events/s | single-thread events/s | ring events/s | alloc B/event | gen0 | orders | fills |");
            Console.WriteLine("|-------:|---------------:|-----------------------:|--------------:|--------------:|-----:|-------:|------:|");
            Console.WriteLine($"| {r.Events:N0} | {r.MergeEventsPerSec:N0} | {r.SingleThreadEventsPerSec:N0} | {r.RingEventsPerSec:N0} | {r.AllocatedBytesPerEvent} | {r.Gen0Collections} | {r.Orders} | {r.Fills} |");
            if (parse.GetValue(json) is { } path) CliJson.Write(path.FullName, r);
            return 0;
        });
        return command;
    }

    /// <summary>The sample bots with the sample limits, paper with queue-aware fills: what <c>tbot backtest</c> runs without --config.</summary>
    private static TBot.Engine.Trading.TradingCore BuildCore(TBot.Engine.Instruments.InstrumentRegistry registry, IDecisionLog decisions)
    {
        var profile = new TradingProfile
        {
            Bots = DefaultBots.For(registry),
            Risk = DefaultBots.Risk(),
            Execution = new ExecutionConfig { Paper = new PaperConfig { Queue = true } },
        };
        return TradingSetup.Build(profile, registry, new SwitchableDecisionLog { Target = decisions }, null);
    }
}
