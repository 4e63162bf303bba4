using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using TBot.Host.Replay;
using TBot.Host.Stores;

namespace TBot.Host.Commands;

/// <summary><c>tbot replay</c>: feed a journal back through the trading pipeline and print the state hash.</summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var journal = new Option<string>("--journal") { Description = "Journal directory to replay.", Required = true };
        var from = new Option<string?>("--from") { Description = "Start at this time (ISO 8601 UTC, or Unix ns)." };
        var to = new Option<string?>("--to") { Description = "Stop after this time (ISO 8601 UTC, or Unix ns)." };
        var speed = new Option<string>("--speed") { Description = "max (default) or a multiple of the recorded pace, e.g. 1x, 10x.", DefaultValueFactory = _ => "max" };
        var json = new Option<FileInfo?>("--json") { Description = "Write the replay summary as JSON to this path." };
        var stores = new StoreCliOptions();
        var command = new Command("replay", "Replay a journal through the same ring, strategies, risk and order manager as the live run; prints state_hash (equal to the run's for a full replay). With --redis/--postgres, the stores then catch up with the journal.")
        {
            journal, from, to, speed, json,
        };
        stores.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var problems = new List<string>();
            var dir = parse.GetValue(journal)!;
            if (!File.Exists(Path.Combine(dir, TBot.Engine.Journal.JournalFormat.ManifestFileName))) problems.Add($"--journal {dir}: no journal there (manifest.json missing).");
            var fromNs = TimeArgument.Parse(parse.GetValue(from), "--from", problems);
            var toNs = TimeArgument.Parse(parse.GetValue(to), "--to", problems);
            double pace = 0;
            var speedText = parse.GetValue(speed) ?? "max";
            if (speedText != "max" && !(speedText.EndsWith('x') && double.TryParse(speedText[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out pace) && pace > 0))
                problems.Add($"--speed '{speedText}': use max or a positive multiple like 1x.");
            var storeSettings = stores.Resolve(parse, null);
            problems.AddRange(storeSettings.Problems());
            if (problems.Count > 0)
            {
                foreach (var p in problems) Console.Error.WriteLine(p);
                return 2;
            }
            using var loggers = CliLogging.Create(LogLevel.Information);
            var summary = new JournalReplay(loggers).Run(new JournalReplay.Settings(dir, fromNs, toNs, pace), cancellationToken);
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c, $"replayed {summary.Events} events in {summary.DurationSeconds} s ({summary.EventsPerSecond:N0} events/s, speed {summary.Speed})"));
            Console.WriteLine(string.Create(c, $"orders {summary.Orders}, fills {summary.Fills} (journal holds {summary.JournaledFills}), tail damage {summary.TailDamage}"));
            foreach (var (bot, pnl) in summary.Pnl) Console.WriteLine(string.Create(c, $"  {bot}: realised {pnl.Realised}, unrealised {pnl.Unrealised}, fees {pnl.Fees}, total {pnl.Total} ({pnl.State})"));
            if (summary.Verification is { } v)
                Console.WriteLine(v.Mismatches + v.Missing + v.Extra == 0
                    ? string.Create(c, $"decisions: all {v.Verified} equal to the journal's")
                    : string.Create(c, $"decisions: {v.Verified} equal, {v.Mismatches} different, {v.Missing} missing, {v.Extra} extra; first: {v.FirstMismatch}"));
            Console.WriteLine($"state_hash {summary.StateHash}");
            if (storeSettings.Redis is not null || storeSettings.Postgres is not null)
            {
                summary = summary with { Projections = await StoreCatchUp.RunAsync(dir, storeSettings, loggers, cancellationToken) };
                foreach (var (name, p) in summary.Projections)
                    Console.WriteLine(string.Create(c, $"projection {name}: applied {p.Applied}, lag {p.LagEvents} events{(p.LastError is { } e && p.LagEvents > 0 ? $" (last error: {e})" : "")}"));
            }
            if (parse.GetValue(json) is { } path) CliJson.Write(path.FullName, summary);
            // A replay that decides differently from the run is a failure the caller must see.
            if (summary.Verification is { } check && check.Mismatches + check.Missing + check.Extra > 0) return 1;
            // Stores that could not catch up (down) are a failure of what was asked.
            return summary.Projections is { } projected && projected.Values.Any(p => p.LagEvents > 0) ? 4 : 0;
        });
        return command;
    }
}
