using System.CommandLine;
using TBot.Engine.Journal;
using TBot.Host.Analytics;

namespace TBot.Host.Commands;

/// <summary><c>tbot analytics --journal DIR</c>: PnL, slippage, fill ratios, latencies and risk rejections of a journal
/// (a run's or a backtest's), as text tables and optionally JSON. Exit 2 on bad arguments, 1 on an unreadable journal.</summary>
public static class AnalyticsCommand
{
    public static Command Create()
    {
        var journal = new Option<string>("--journal") { Description = "Journal directory (tbot run, or tbot backtest --journal).", Required = true };
        var from = new Option<string?>("--from") { Description = "Window start, inclusive (ISO 8601 UTC, or Unix ns)." };
        var to = new Option<string?>("--to") { Description = "Window end, exclusive (ISO 8601 UTC, or Unix ns)." };
        var bot = new Option<string?>("--bot") { Description = "Only this bot (id or configured name)." };
        var json = new Option<FileInfo?>("--json") { Description = "Write the report as JSON to this path (the shape of GET /api/analytics)." };
        var command = new Command("analytics", "Trading analytics from a journal: PnL by bot/strategy/instrument/UTC day, slippage vs mid at the decision, fill ratios, latency distributions, risk rejections and kill switches.")
        {
            journal, from, to, bot, json,
        };
        command.SetAction((ParseResult parse, CancellationToken cancellationToken) => Task.FromResult(Execute(parse, cancellationToken)));
        int Execute(ParseResult parse, CancellationToken cancellationToken)
        {
            var problems = new List<string>();
            var fromNs = TimeArgument.Parse(parse.GetValue(from), "--from", problems);
            var toNs = TimeArgument.Parse(parse.GetValue(to), "--to", problems);
            if (fromNs is { } f && toNs is { } t && t <= f) problems.Add("--to must be after --from.");
            var directory = parse.GetValue(journal)!;
            if (!File.Exists(JournalManifest.PathIn(directory))) problems.Add($"--journal {directory}: no journal there (manifest.json missing).");
            if (problems.Count > 0) return Fail(problems, 2);

            try
            {
                // The bot filter is checked against the manifest's bots before the (long) read.
                var bots = AnalyticsBot.FromManifest(JournalManifest.Load(directory));
                if (!AnalyticsBot.TryResolve(parse.GetValue(bot), bots, out var botId, out var error)) return Fail([$"--{error}"], 2);
                var projection = AnalyticsScan.Run(directory, new AnalyticsWindow(fromNs, toNs), cancellationToken: cancellationToken);
                return Write(projection.Report(botId, bots), parse.GetValue(json));
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or System.Text.Json.JsonException)
            {
                return Fail([$"--journal {directory}: {ex.Message}"], 1);
            }
        }
        return command;
    }

    private static int Write(AnalyticsReport report, FileInfo? json)
    {
        Console.Write(AnalyticsText.Render(report));
        if (json is not null)
        {
            File.WriteAllText(json.FullName, AnalyticsJson.Serialize(report));
            Console.WriteLine($"wrote {json.FullName}");
        }
        return 0;
    }

    private static int Fail(List<string> problems, int code)
    {
        foreach (var p in problems) Console.Error.WriteLine(p);
        return code;
    }
}
