using System.CommandLine;
using TBot.Engine.Instruments;
using TBot.Perf.Ingest;

namespace TBot.Host.Commands;

/// <summary><c>tbot perf ingest</c>: single-thread parse + validate + dedup + book update throughput per venue and stream.</summary>
public static class PerfIngestCommand
{
    public static Command Create()
    {
        var venue = new Option<string[]>("--venue") { Description = "Venues to run (binance, coinbase, okx); default all.", AllowMultipleArgumentsPerToken = true };
        var frames = new Option<long>("--frames") { Description = "Frames per stream (measured).", DefaultValueFactory = _ => 2_000_000 };
        var json = new Option<FileInfo?>("--json") { Description = "Write the results as JSON to this path." };
        var command = new Command("ingest", "Ingest throughput from in-memory frames on one thread: parse, validate, dedup, book sync.") { venue, frames, json };
        command.SetAction(parse =>
        {
            var venues = new List<Venue>();
            foreach (var text in parse.GetValue(venue) ?? [])
            {
                foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!VenueNames.TryParse(part, out var v))
                    {
                        Console.Error.WriteLine($"Unknown venue '{part}'.");
                        return 2;
                    }
                    venues.Add(v);
                }
            }
            if (parse.GetValue(frames) < 1)
            {
                Console.Error.WriteLine("--frames must be at least 1.");
                return 2;
            }
            var report = IngestHarness.Run(parse.GetValue(frames), venues, Console.Out);
            Console.WriteLine();
            Console.WriteLine("| venue | stream | M frames/s | ns/frame | M events/s | alloc B/event | rejected |");
            Console.WriteLine("|-------|--------|-----------:|---------:|-----------:|--------------:|---------:|");
            foreach (var r in report.Results)
                Console.WriteLine($"| {r.Venue} | {r.Stream} | {r.FramesPerSec / 1e6:F2} | {r.NsPerFrame:F0} | {r.EventsPerSec / 1e6:F2} | {r.AllocatedBytesPerEvent:0.###} | {r.Rejected} |");
            if (parse.GetValue(json) is { } path) CliJson.Write(path.FullName, report);
            return 0;
        });
        return command;
    }
}
