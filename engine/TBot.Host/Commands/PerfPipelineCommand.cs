using System.CommandLine;
using TBot.Engine.Journal;
using TBot.Engine.Ring;
using TBot.Perf.Pipeline;

namespace TBot.Host.Commands;

/// <summary><c>tbot perf pipeline</c>: end-to-end throughput, tick-to-intent latency and allocations with journaling on.</summary>
public static class PerfPipelineCommand
{
    public static Command Create()
    {
        var frames = new Option<int>("--frames") { Description = "Frames to push through (measured; a 200k-frame warm-up runs first).", DefaultValueFactory = _ => 2_000_000 };
        var dir = new Option<string?>("--journal-dir") { Description = "Where the journal goes (default: tmpfs /dev/shm; give a disk path to measure a disk)." };
        var fsync = new Option<string>("--fsync") { Description = "Journal fsync policy: none, flush, interval (default).", DefaultValueFactory = _ => "interval" };
        var wait = new Option<string>("--wait") { Description = "Wait strategy: yield (default), busy, sleep, block.", DefaultValueFactory = _ => "yield" };
        var rate = new Option<int>("--latency-rate") { Description = "Frames/s of the paced phase that measures tick-to-intent latency.", DefaultValueFactory = _ => 100_000 };
        var flush = new Option<string>("--flush") { Description = "Journal flush policy: batch (default) or interval.", DefaultValueFactory = _ => "batch" };
        var threads = new Option<string>("--pipeline-threads") { Description = "auto (default), fused or dedicated (trading and journal on their own threads).", DefaultValueFactory = _ => "auto" };
        var stress = new Option<bool>("--stress") { Description = "The market maker requotes on every tick (about one order per event) instead of at 20 ticks / 100 ms." };
        var json = new Option<FileInfo?>("--json") { Description = "Write the result as JSON to this path." };
        var stageLatency = new Option<bool>("--stage-latency") { Description = "Time the hot-path stages as tbot run does (to price the metrics)." };
        var command = new Command("pipeline", "End to end: frames → parse/validate/dedup/book → ring → strategy → risk → orders → paper gateway → journal.") { frames, dir, fsync, flush, threads, wait, rate, stress, json, stageLatency };
        command.SetAction(parse =>
        {
            var policy = parse.GetValue(fsync) switch
            {
                "none" => (FsyncPolicy?)FsyncPolicy.None,
                "flush" => FsyncPolicy.EveryFlush,
                "interval" => FsyncPolicy.IntervalMs,
                _ => null,
            };
            if (policy is null || parse.GetValue(frames) < 1000 || parse.GetValue(rate) < 1)
            {
                Console.Error.WriteLine("--fsync must be none, flush or interval; --frames at least 1000.");
                return 2;
            }
            var flushPolicy = parse.GetValue(flush) switch { "batch" => (FlushPolicy?)FlushPolicy.PerBatch, "interval" => FlushPolicy.IntervalMs, _ => null };
            var threading = parse.GetValue(threads) switch { "auto" => (ThreadingMode?)ThreadingMode.Auto, "fused" => ThreadingMode.Fused, "dedicated" => ThreadingMode.Dedicated, _ => null };
            if (flushPolicy is null || threading is null)
            {
                Console.Error.WriteLine("--flush must be batch or interval; --pipeline-threads auto, fused or dedicated.");
                return 2;
            }
            WaitStrategyKind waitKind;
            try { waitKind = WaitStrategies.Parse(parse.GetValue(wait)!); }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
            var r = PipelineHarness.Run(new PipelineHarness.Options(parse.GetValue(frames), parse.GetValue(dir), policy.Value, waitKind, parse.GetValue(rate), Math.Min(parse.GetValue(frames), 500_000), parse.GetValue(stress), flushPolicy.Value, threading.Value) { StageLatency = parse.GetValue(stageLatency) }, Console.Out);
            Console.WriteLine();
            Console.WriteLine("| events/s | frames/s | orders | fills | p50 ns | p99 ns | p99.9 ns | max ns | alloc B/event | gen0 | journal | flush/fsync | batch | threads |");
            Console.WriteLine("|---------:|---------:|-------:|------:|-------:|-------:|---------:|-------:|--------------:|-----:|---------|-------|------:|---------|");
            Console.WriteLine($"| {r.EventsPerSec:N0} | {r.FramesPerSec:N0} | {r.Orders} | {r.Fills} | {r.LatencyNs.P50} | {r.LatencyNs.P99} | {r.LatencyNs.P999} | {r.LatencyNs.Max} | {r.AllocatedBytesPerEvent} | {r.Gen0Collections} | {r.JournalMedium} | {r.FlushPolicy}/{r.FsyncPolicy} | {r.AverageBatch} | {r.Threading} |");
            if (parse.GetValue(json) is { } path) CliJson.Write(path.FullName, r);
            return 0;
        });
        return command;
    }
}
