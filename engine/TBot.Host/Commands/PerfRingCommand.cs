using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TBot.Engine.Ring;
using TBot.Perf.Ring;

namespace TBot.Host.Commands;

/// <summary><c>tbot perf ring</c>: ring 1P1C, 3-stage pipeline, Channel baseline and ping-pong latency, side by side.</summary>
public static class PerfRingCommand
{
    public static Command Create()
    {
        var events = new Option<long>("--events") { Description = "Events per throughput run.", DefaultValueFactory = _ => 20_000_000 };
        var pings = new Option<int>("--pings") { Description = "Round trips in the ping-pong latency run.", DefaultValueFactory = _ => 1_000_000 };
        var wait = new Option<string>("--wait") { Description = "Wait strategy: busy, yield, sleep or block.", DefaultValueFactory = _ => "yield" };
        var runs = new Option<int>("--runs") { Description = "Measured runs per scenario (median reported).", DefaultValueFactory = _ => 3 };
        var ringSize = new Option<int>("--ring-size") { Description = "Ring size (power of two).", DefaultValueFactory = _ => 1 << 16 };
        var threading = new Option<string>("--pipeline-threads") { Description = "Pipeline threading: auto, fused or dedicated.", DefaultValueFactory = _ => "auto" };
        var pin = new Option<bool>("--pin") { Description = "Pin the producer to CPU 0 and the consumer thread to CPU 1 (Linux)." };
        var json = new Option<FileInfo?>("--json") { Description = "Write the results as JSON to this path." };

        var command = new Command("ring", "Ring buffer throughput (1P1C, 3-stage pipeline) against a bounded Channel<long>, and ping-pong latency.")
        {
            events, pings, wait, runs, ringSize, threading, pin, json,
        };
        command.SetAction(parse =>
        {
            var problems = new List<string>();
            var size = parse.GetValue(ringSize);
            if (size < 2 || (size & (size - 1)) != 0) problems.Add("--ring-size must be a power of two, at least 2.");
            if (parse.GetValue(events) < 1) problems.Add("--events must be at least 1.");
            if (parse.GetValue(pings) < 1) problems.Add("--pings must be at least 1.");
            if (parse.GetValue(runs) < 1) problems.Add("--runs must be at least 1.");
            if (problems.Count > 0)
            {
                foreach (var p in problems) Console.Error.WriteLine(p);
                return 2;
            }

            WaitStrategyKind waitKind;
            ThreadingMode threadingMode;
            try
            {
                waitKind = WaitStrategies.Parse(parse.GetValue(wait)!);
                threadingMode = ParseThreading(parse.GetValue(threading)!);
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }

            var options = new RingPerfOptions
            {
                Events = parse.GetValue(events),
                Pings = parse.GetValue(pings),
                WaitStrategy = waitKind,
                Runs = parse.GetValue(runs),
                RingSize = parse.GetValue(ringSize),
                PipelineThreading = threadingMode,
                Pin = parse.GetValue(pin),
            };
            using var loggerFactory = CliLogging.Create(LogLevel.Warning);
            var logger = loggerFactory.CreateLogger("tbot.perf");
            if (options.Pin)
            {
                var pinned = TBot.Engine.Threading.CpuAffinity.PinCurrentThread(0);
                if (!pinned.Success) logger.LogWarning("Producer runs unpinned: {Reason}", pinned.Message);
            }

            var report = new RingPerfHarness(options, logger, Console.Out).Run();
            Console.WriteLine();
            Console.Write(RingPerfTable.Render(report));
            if (parse.GetValue(json) is { } file)
            {
                File.WriteAllText(file.FullName, JsonSerializer.Serialize(report, JsonOptions));
                Console.WriteLine($"wrote {file.FullName}");
            }
            return report.Checks.Count == 0 ? 0 : 1;
        });
        return command;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private static ThreadingMode ParseThreading(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => ThreadingMode.Auto,
        "fused" => ThreadingMode.Fused,
        "dedicated" => ThreadingMode.Dedicated,
        _ => throw new FormatException($"Unknown pipeline threading '{text}': use auto, fused or dedicated."),
    };
}
