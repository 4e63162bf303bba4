using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using TBot.Adapters.Capture;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Host.Commands;

/// <summary><c>tbot check</c>: run a capture through parser, validation, dedup and book sync, and report.</summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var venue = new Option<string>("--venue") { Description = "binance, coinbase or okx.", Required = true };
        var input = new Option<FileInfo>("--input") { Description = "Capture file (JSON lines from tbot record, .gz accepted) or one raw frame per line.", Required = true };
        var json = new Option<FileInfo?>("--json") { Description = "Write the report as JSON to this path." };
        var command = new Command("check", "Check a capture: parse, validate, deduplicate and sync books as live, using the capture's clock.") { venue, input, json };
        command.SetAction(parse =>
        {
            if (!VenueNames.TryParse(parse.GetValue(venue)!, out var v))
            {
                Console.Error.WriteLine($"Unknown venue '{parse.GetValue(venue)}': use binance, coinbase or okx.");
                return 2;
            }
            var file = parse.GetValue(input)!;
            if (!file.Exists)
            {
                Console.Error.WriteLine($"Input file not found: {file.FullName}");
                return 2;
            }
            using var loggerFactory = CliLogging.Create(LogLevel.Warning);
            var report = CaptureChecker.Run(v, file.FullName, new ValidationOptions(), loggerFactory.CreateLogger("tbot.check"));
            Print(report);
            if (parse.GetValue(json) is { } path) CliJson.Write(path.FullName, report);
            return 0;
        });
        return command;
    }

    private static void Print(CheckReport r)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"tbot check {r.Venue}: {r.Input}"));
        Console.WriteLine(string.Create(c, $"| read | accepted | control | rejected | resyncs | instruments |"));
        Console.WriteLine("|-----:|---------:|--------:|---------:|--------:|------------:|");
        long rejected = 0;
        foreach (var n in r.Rejected.Values) rejected += n;
        Console.WriteLine(string.Create(c, $"| {r.Read} | {r.Accepted} | {r.Control} | {rejected} | {r.Resyncs} | {r.Instruments} |"));
        if (r.Rejected.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("| rejected reason | count |");
            Console.WriteLine("|-----------------|------:|");
            foreach (var (reason, n) in r.Rejected) Console.WriteLine(string.Create(c, $"| {reason} | {n} |"));
        }
        if (r.Books.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("| instrument | bid | ask | source | book |");
            Console.WriteLine("|------------|----:|----:|--------|------|");
            foreach (var (key, top) in r.Books) Console.WriteLine($"| {key} | {top.Bid ?? "-"} | {top.Ask ?? "-"} | {top.Source} | {top.State} |");
        }
        if (r.BadLines > 0) Console.WriteLine(string.Create(c, $"{r.BadLines} lines were not capture records"));
    }
}
