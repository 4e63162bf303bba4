using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using TBot.Adapters.History;
using TBot.Adapters.Simulator.Faults;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;
using TBot.Host.History;

namespace TBot.Host.Commands;

/// <summary>
/// <c>tbot history fetch|import|export|status</c>: the historical data catalog (layout and rules in
/// adapters/TBot.Adapters/History/README.md). Exit codes: 0 done, 1 a fetch stopped part way (rerun to resume),
/// 2 bad arguments.
/// </summary>
public static class HistoryCommand
{
    public static Command Create()
    {
        var command = new Command("history", $"Historical data: fetch from venue REST APIs, import captures, export CSV, list the catalog (default directory {CatalogLayout.DefaultDirectory}).");
        command.Subcommands.Add(Fetch());
        command.Subcommands.Add(Import());
        command.Subcommands.Add(Export());
        command.Subcommands.Add(Status());
        command.Subcommands.Add(HistoryPostgresCli.Store());
        return command;
    }

    private static Option<string> OutOption(string name, string what) =>
        new(name) { Description = $"{what} (default {CatalogLayout.DefaultDirectory}).", DefaultValueFactory = _ => CatalogLayout.DefaultDirectory };

    private static Command Fetch()
    {
        var venue = new Option<string>("--venue") { Description = "binance or okx (coinbase: the exchange formats describe no REST history endpoint).", Required = true };
        var symbols = new Option<string>("--symbols") { Description = "Comma-separated venue symbols, e.g. BTCUSDT,ETHUSDT or BTC-USDT.", Required = true };
        var from = new Option<string>("--from") { Description = "Start (ISO 8601, UTC unless it says otherwise, or Unix ns).", Required = true };
        var to = new Option<string>("--to") { Description = "End, exclusive (same forms).", Required = true };
        var kind = new Option<string>("--kind") { Description = "trades, klines or book.", DefaultValueFactory = _ => "trades" };
        var interval = new Option<string>("--interval") { Description = "Kline interval: 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h.", DefaultValueFactory = _ => "1m" };
        var output = OutOption("--out", "Catalog directory");
        var endpoint = new Option<string?>("--endpoint") { Description = "venue=rest-url, e.g. binance=http://127.0.0.1:9002. Default: the venue's production REST API (needs internet)." };
        var simulator = new Option<bool>("--simulator") { Description = "Start the built-in exchange simulator in-process and fetch its deterministic history (works offline)." };
        var seed = new Option<ulong>("--sim-seed") { Description = "Seed of the built-in simulator's history.", DefaultValueFactory = _ => 42 };
        var faults = new Option<string[]>("--sim-faults") { Description = "Faults for the built-in simulator, e.g. DropHistoryPage:every=5, RateLimit429:every=7.", AllowMultipleArgumentsPerToken = true };
        var snapshotEvery = new Option<string>("--snapshot-every") { Description = "Book: time between depth snapshots.", DefaultValueFactory = _ => "1s" };
        var depth = new Option<int>("--depth") { Description = "Book: levels per side.", DefaultValueFactory = _ => 100 };
        var retries = new Option<int>("--retries") { Description = "Retries per page after a transport error, a page cut off, or a 429 (0: stop at the first; rerun to resume).", DefaultValueFactory = _ => 3 };
        var json = new Option<FileInfo?>("--json") { Description = "Write the fetch report as JSON to this path." };
        var cmd = new Command("fetch", "Fetch history through the venue's REST API (paged, rate limited, resumable), clean it, and store it in the catalog (and PostgreSQL when configured).")
        {
            venue, symbols, from, to, kind, interval, output, endpoint, simulator, seed, faults, snapshotEvery, depth, retries, json,
        };
        var postgres = new HistoryPostgresCli();
        postgres.AddTo(cmd);
        cmd.SetAction(async (parse, ct) =>
        {
            var problems = new List<string>();
            if (!VenueNames.TryParse(parse.GetValue(venue)!, out var v) || v == Venue.None) problems.Add($"Unknown venue '{parse.GetValue(venue)}': use binance or okx.");
            else if (v == Venue.Coinbase) problems.Add("coinbase: the exchange formats (shared/exchange-formats/coinbase.md) describe no REST trades or candles endpoint; use `tbot record` + `tbot history import` for Coinbase.");
            var symbolList = (parse.GetValue(symbols) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (symbolList.Length == 0) problems.Add("--symbols: at least one symbol.");
            var fromNs = TimeArgument.Parse(parse.GetValue(from), "--from", problems);
            var toNs = TimeArgument.Parse(parse.GetValue(to), "--to", problems);
            if (fromNs is { } f0 && toNs is { } t0 && t0 <= f0) problems.Add("--to must be after --from.");
            if (!CatalogKinds.TryParse(parse.GetValue(kind), out var k)) problems.Add($"--kind '{parse.GetValue(kind)}': use trades, klines or book.");
            var intervalText = parse.GetValue(interval)!;
            if (k == CatalogKind.Klines && HistoryFetchOptions.IntervalMs(intervalText) == 0) problems.Add($"--interval '{intervalText}': use 1m, 3m, 5m, 15m, 30m, 1h, 2h or 4h.");
            if (!DurationParser.TryParse(parse.GetValue(snapshotEvery)!, out var every) || every <= TimeSpan.Zero) problems.Add("--snapshot-every: a positive duration such as 1s.");
            Uri? endpointUri = null;
            if (parse.GetValue(endpoint) is { } ep)
            {
                var eq = ep.IndexOf('=');
                if (eq <= 0 || !VenueNames.TryParse(ep[..eq], out var epVenue) || !Uri.TryCreate(ep[(eq + 1)..], UriKind.Absolute, out endpointUri)) problems.Add($"--endpoint '{ep}': use venue=rest-url.");
                else if (epVenue != v) problems.Add($"--endpoint is for {VenueNames.Name(epVenue)}, the fetch is for {parse.GetValue(venue)}.");
            }
            if (endpointUri is not null && parse.GetValue(simulator)) problems.Add("--endpoint and --simulator exclude each other.");
            var faultRules = new List<FaultRule>();
            foreach (var text in parse.GetValue(faults) ?? [])
            {
                try { faultRules.Add(FaultRule.Parse(text)); }
                catch (Exception ex) when (ex is FormatException or ArgumentException) { problems.Add(ex.Message); }
            }
            if (faultRules.Count > 0 && !parse.GetValue(simulator)) problems.Add("--sim-faults needs --simulator.");
            if (parse.GetValue(retries) < 0) problems.Add("--retries: 0 or more.");
            if (problems.Count > 0)
            {
                foreach (var p in problems) Console.Error.WriteLine(p);
                return 2;
            }
            if (postgres.Resolve(parse) is not { } stores) return 2;
            var attempts = parse.GetValue(retries) + 1;
            var options = new HistoryFetchOptions
            {
                OutputDirectory = parse.GetValue(output)!,
                Kind = k,
                Interval = intervalText,
                SnapshotEvery = every,
                BookDepth = parse.GetValue(depth),
                PageAttempts = attempts,
            };
            using var loggers = CliLogging.Create(LogLevel.Warning);
            HistoryFetchReport report;
            try
            {
                report = await new HistoryFetchRun(loggers).RunAsync(new HistoryFetchRun.Settings(v, symbolList, fromNs!.Value / 1_000_000, toNs!.Value / 1_000_000, options)
                {
                    Endpoint = endpointUri,
                    Simulator = parse.GetValue(simulator),
                    SimulatorSeed = parse.GetValue(seed),
                    SimulatorFaults = faultRules,
                    Attempts = attempts,
                }, ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or NotSupportedException or HistoryFetchException or IOException)
            {
                Console.Error.WriteLine($"history fetch: {ex.Message}");
                return 1;
            }
            PrintFetch(report);
            if (parse.GetValue(json) is { } path) CliJson.Write(path.FullName, report);
            // What the catalog now holds goes to PostgreSQL too, also after a failed fetch (its checkpoints make the
            // rerun store only what is new).
            if (stores.Postgres is not null
                && await HistoryPostgresCli.StoreAndPrintAsync(stores, [.. report.Days.Select(d => d.Path).Distinct()], null, ct).ConfigureAwait(false) != 0)
                return 1;
            if (report.Error is not null)
            {
                Console.Error.WriteLine($"history fetch stopped: {report.Error}");
                Console.Error.WriteLine("What was written is kept; run the same command again to resume after the last record.");
                return 1;
            }
            return 0;
        });
        return cmd;
    }

    private static void PrintFetch(HistoryFetchReport r)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine($"tbot history fetch {r.Venue} {r.Kind} → {r.Out}");
        Console.WriteLine("| symbol | day | written | records | complete | gaps | dropped |");
        Console.WriteLine("|--------|-----|--------:|--------:|----------|-----:|---------|");
        foreach (var d in r.Days)
            Console.WriteLine(string.Create(c, $"| {d.Symbol} | {d.Day} | {d.Written} | {d.Records} | {(d.Complete ? "yes" : "no")} | {d.Gaps} | {(d.Dropped.Count == 0 ? "-" : string.Join(", ", d.Dropped.Select(kv => $"{kv.Key}={kv.Value}")))} |"));
        Console.WriteLine(string.Create(c, $"{r.Records} records in {r.Seconds:F2} s ({r.RecordsPerSecond:F0} records/s), {r.Requests} requests"));
    }

    private static Command Import()
    {
        var venue = new Option<string>("--venue") { Description = "binance, coinbase or okx.", Required = true };
        var input = new Option<FileInfo>("--input") { Description = "Capture from tbot record (JSON lines, .gz accepted).", Required = true };
        var output = OutOption("--out", "Catalog directory");
        var json = new Option<FileInfo?>("--json") { Description = "Write the import report as JSON to this path." };
        var cmd = new Command("import", "Import a tbot record capture into the catalog through the live parser and validation (and PostgreSQL when configured).") { venue, input, output, json };
        var postgres = new HistoryPostgresCli();
        postgres.AddTo(cmd);
        cmd.SetAction(async (parse, ct) =>
        {
            if (!VenueNames.TryParse(parse.GetValue(venue)!, out var v) || v == Venue.None)
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
            if (postgres.Resolve(parse) is not { } stores) return 2;
            using var loggers = CliLogging.Create(LogLevel.Warning);
            HistoryImportReport report;
            try
            {
                report = CaptureImporter.Run(v, file.FullName, parse.GetValue(output)!, new ValidationOptions(), loggers.CreateLogger("tbot.history.import"));
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or InvalidDataException)
            {
                Console.Error.WriteLine($"history import: {ex.Message}");
                return 1;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"tbot history import {report.Venue}: read {report.Read}, accepted {report.Accepted}, written {report.Written}, not catalogued {report.Skipped}, days {report.Days.Count}"));
            foreach (var (reason, n) in report.Rejected) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  rejected {reason}: {n}"));
            foreach (var d in report.Days) Console.WriteLine("  " + d);
            if (parse.GetValue(json) is { } path) CliJson.Write(path.FullName, report);
            if (stores.Postgres is not null) return await HistoryPostgresCli.StoreAndPrintAsync(stores, report.Days, null, ct).ConfigureAwait(false);
            return 0;
        });
        return cmd;
    }

    private static Command Export()
    {
        var data = OutOption("--data", "Catalog directory");
        var venue = new Option<string>("--venue") { Description = "binance, coinbase or okx.", Required = true };
        var symbol = new Option<string>("--symbol") { Description = "Venue symbol, e.g. BTCUSDT.", Required = true };
        var kind = new Option<string>("--kind") { Description = "trades, klines or book.", DefaultValueFactory = _ => "trades" };
        var from = new Option<string?>("--from") { Description = "Start by record time (ISO 8601 or Unix ns); default: everything." };
        var to = new Option<string?>("--to") { Description = "End, exclusive; default: everything." };
        var output = new Option<FileInfo>("--out") { Description = "CSV file to write.", Required = true };
        var cmd = new Command("export", "Write catalog records as CSV (decimal strings, ISO and ns times) for notebooks.") { data, venue, symbol, kind, from, to, output };
        cmd.SetAction(parse =>
        {
            var problems = new List<string>();
            if (!VenueNames.TryParse(parse.GetValue(venue)!, out var v) || v == Venue.None) problems.Add($"Unknown venue '{parse.GetValue(venue)}'.");
            if (!CatalogKinds.TryParse(parse.GetValue(kind), out var k)) problems.Add($"--kind '{parse.GetValue(kind)}': use trades, klines or book.");
            var fromNs = TimeArgument.Parse(parse.GetValue(from), "--from", problems) ?? long.MinValue;
            var toNs = TimeArgument.Parse(parse.GetValue(to), "--to", problems) ?? long.MaxValue;
            if (problems.Count > 0)
            {
                foreach (var p in problems) Console.Error.WriteLine(p);
                return 2;
            }
            var file = parse.GetValue(output)!;
            if (file.Directory is { Exists: false } dir) dir.Create();
            long rows;
            using (var writer = new StreamWriter(file.FullName, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" })
                rows = CatalogExporter.Export(parse.GetValue(data)!, v, parse.GetValue(symbol)!, k, fromNs, toNs, writer);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {rows} rows to {file.FullName}"));
            return 0;
        });
        return cmd;
    }

    private static Command Status()
    {
        var data = OutOption("--data", "Catalog directory");
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var cmd = new Command("status", "List the catalog: venue, symbol, kind, day, records, first/last time, complete, gaps; with PostgreSQL configured, what market_data holds next to it.") { data, json };
        var postgres = new HistoryPostgresCli();
        postgres.AddTo(cmd);
        cmd.SetAction(async (parse, ct) =>
        {
            if (postgres.Resolve(parse) is not { } stores) return 2;
            var rows = CatalogStatus.Read(parse.GetValue(data)!);
            if (stores.Postgres is { } pg && parse.GetValue(json)) return await HistoryPostgresCli.PrintStatusAsync(pg, rows, true, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(rows, CliJson.Options));
                return 0;
            }
            if (rows.Count == 0)
            {
                Console.WriteLine($"no catalog days under {Path.GetFullPath(parse.GetValue(data)!)}");
                return stores.Postgres is { } only ? await HistoryPostgresCli.PrintStatusAsync(only, rows, false, ct).ConfigureAwait(false) : 0;
            }
            Console.WriteLine("| venue | symbol | kind | day | records | first | last | complete | gaps |");
            Console.WriteLine("|-------|--------|------|-----|--------:|-------|------|----------|-----:|");
            foreach (var r in rows)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Venue} | {r.Symbol} | {r.Kind}{(r.Interval is null ? "" : " " + r.Interval)} | {r.Day} | {r.Records} | {r.First ?? "-"} | {r.Last ?? "-"} | {(r.Complete ? "yes" : "no")} | {r.Gaps.Count} |"));
            if (stores.Postgres is { } database) return await HistoryPostgresCli.PrintStatusAsync(database, rows, false, ct).ConfigureAwait(false);
            return 0;
        });
        return cmd;
    }
}
