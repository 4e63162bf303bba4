using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using TBot.Adapters.Capture;
using TBot.Adapters.Runtime;
using TBot.Engine.Instruments;

namespace TBot.Host.Commands;

/// <summary><c>tbot record</c>: record one venue's live market data into a capture file (the input of <c>tbot check</c>).</summary>
public static class RecordCommand
{
    public static Command Create()
    {
        var venue = new Option<string>("--venue") { Description = "binance, coinbase or okx.", Required = true };
        var symbols = new Option<string[]>("--symbols") { Description = "Venue symbols, comma-separated: BTCUSDT,ETHUSDT (Binance), BTC-USD (Coinbase), BTC-USDT (OKX).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<FileInfo>("--out") { Description = "Capture file to write (JSON lines; a .gz name is gzip-compressed).", Required = true };
        var endpoint = new Option<string?>("--endpoint") { Description = "venue=ws-url[,rest-url], e.g. binance=ws://127.0.0.1:9001 (default: the venue's production endpoints)." };
        var channels = new Option<string?>("--channels") { Description = "Channels, comma-separated (default: the engine's channels for the venue)." };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long (e.g. 30s, 5m). Default: until Ctrl-C / SIGTERM." };
        var command = new Command("record", "Record live market data (WebSocket frames and, for Binance, depth snapshots) into a capture file for tbot check.")
        {
            venue, symbols, output, endpoint, channels, duration,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var problems = new List<string>();
            if (!VenueNames.TryParse(parse.GetValue(venue)!, out var v)) problems.Add($"Unknown venue '{parse.GetValue(venue)}': use binance, coinbase or okx.");
            var symbolList = Split(parse.GetValue(symbols));
            if (symbolList.Count == 0) problems.Add("--symbols names no symbol.");
            var channelList = Split(parse.GetValue(channels) is { } c ? [c] : null);
            TimeSpan? runFor = null;
            if (parse.GetValue(duration) is { } d)
            {
                if (DurationParser.TryParse(d, out var span) && span > TimeSpan.Zero) runFor = span;
                else problems.Add($"--duration '{d}' is not a duration (e.g. 30s, 5m).");
            }
            VenueEndpoint? ep = null;
            if (parse.GetValue(endpoint) is { } text)
            {
                try
                {
                    ep = VenueEndpoint.Parse(text);
                    if (problems.Count == 0 && ep.Venue != v) problems.Add($"--endpoint is for {VenueNames.Name(ep.Venue)}, not {VenueNames.Name(v)}.");
                }
                catch (FormatException ex)
                {
                    problems.Add(ex.Message);
                }
            }
            if (problems.Count > 0)
            {
                foreach (var p in problems) Console.Error.WriteLine(p);
                return 2;
            }
            ep ??= VenueEndpoint.Production(v);

            var file = parse.GetValue(output)!;
            CaptureWriter writer;
            try
            {
                writer = CaptureWriter.Create(file.FullName);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"Cannot write {file.FullName}: {ex.Message}");
                return 2;
            }

            using var loggers = CliLogging.Create(LogLevel.Information);
            CaptureRecorder recorder;
            try
            {
                recorder = new CaptureRecorder(ep, symbolList, channelList.Count > 0 ? channelList : null, writer, loggers.CreateLogger("tbot.record"));
            }
            catch (ArgumentException ex)
            {
                writer.Dispose();
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
            Console.WriteLine($"recording {VenueNames.Name(v)} {string.Join(",", recorder.Symbols)} [{string.Join(",", recorder.Channels)}] from {recorder.StreamUri} into {file.FullName}"
                + (runFor is { } r ? string.Create(CultureInfo.InvariantCulture, $" for {r.TotalSeconds:0.###} s") : " until Ctrl-C"));
            long records;
            using (writer)
            {
                using var signal = new ShutdownSignal(runFor);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(signal.Token, cancellationToken);
                records = await recorder.RunAsync(linked.Token);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {records} records ({recorder.Frames} frames, {recorder.Snapshots} snapshots, {recorder.Connects} connections) to {file.FullName}"));
            if (records == 0)
            {
                Console.Error.WriteLine("nothing was recorded");
                return 1;
            }
            return 0;
        });
        return command;
    }

    private static List<string> Split(string[]? values)
    {
        var list = new List<string>();
        foreach (var value in values ?? [])
            foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (!list.Contains(part, StringComparer.Ordinal)) list.Add(part);
        return list;
    }
}
