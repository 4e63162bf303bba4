using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using TBot.Adapters.History;
using TBot.Host.Commands;
using TBot.Host.Stores;
using TBot.Persistence.Postgres.Warm;

namespace TBot.Host.History;

/// <summary>
/// The PostgreSQL side of <c>tbot history</c>: the <c>--postgres</c>/<c>--config</c> options fetch, import, store and
/// status take (resolved as the other commands do: flag, then the configuration's <c>stores.postgres</c>, then
/// <c>TBOT_POSTGRES</c>), the <c>store</c> subcommand, and the printing of a store and of the status table.
/// </summary>
public sealed class HistoryPostgresCli
{
    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = $"PostgreSQL/TimescaleDB to store market_data in as well (Npgsql syntax). Default: the configuration's stores.postgres, else ${StoreSettings.PostgresVariable}; none: catalog only.",
    };

    public Option<FileInfo?> Config { get; } = new("--config") { Description = "Configuration file whose stores section names the database." };

    public void AddTo(Command command)
    {
        command.Options.Add(Postgres);
        command.Options.Add(Config);
    }

    /// <summary>The resolved settings, or null after printing the problems.</summary>
    public StoreSettings? Resolve(ParseResult parse)
    {
        var problems = new List<string>();
        var section = CommandInputs.Config(parse.GetValue(Config), problems)?.Stores;
        var settings = StoreSettings.Resolve(null, parse.GetValue(Postgres), section);
        problems.AddRange(settings.Problems());
        foreach (var p in problems) Console.Error.WriteLine(p);
        return problems.Count == 0 ? settings : null;
    }

    /// <summary><c>tbot history store --data DIR [--venue V] [--symbol S] [--kind K] [--from DAY] [--to DAY]</c>.</summary>
    public static Command Store()
    {
        var cli = new HistoryPostgresCli();
        var data = new Option<string>("--data") { Description = $"Catalog directory (default {CatalogLayout.DefaultDirectory}).", DefaultValueFactory = _ => CatalogLayout.DefaultDirectory };
        var venue = new Option<string?>("--venue") { Description = "Only this venue." };
        var symbol = new Option<string?>("--symbol") { Description = "Only this symbol." };
        var kind = new Option<string?>("--kind") { Description = "Only trades, klines or book." };
        var from = new Option<string?>("--from") { Description = "First day (yyyy-MM-dd, or a time: its UTC day)." };
        var to = new Option<string?>("--to") { Description = "Last day, inclusive (same forms)." };
        var batch = new Option<int>("--batch") { Description = "Journal records per committed batch.", DefaultValueFactory = _ => 8192 };
        var json = new Option<FileInfo?>("--json") { Description = "Write the store report as JSON to this path." };
        var command = new Command("store", "Load catalog days into PostgreSQL/TimescaleDB market_data (idempotent, resumable), then candles, compression and ANALYZE.")
        {
            data, venue, symbol, kind, from, to, batch, json,
        };
        cli.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var problems = new List<string>();
            var k = parse.GetValue(kind);
            if (k is not null && !CatalogKinds.TryParse(k, out _)) problems.Add($"--kind '{k}': use trades, klines or book.");
            var fromDay = Day(parse.GetValue(from), "--from", problems);
            var toDay = Day(parse.GetValue(to), "--to", problems);
            if (parse.GetValue(batch) < 1) problems.Add("--batch: 1 or more.");
            if (problems.Count > 0)
            {
                foreach (var p in problems) Console.Error.WriteLine(p);
                return 2;
            }
            if (cli.Resolve(parse) is not { } settings) return 2;
            if (settings.Postgres is null)
            {
                Console.Error.WriteLine($"No PostgreSQL configured: give --postgres, stores.postgres in --config, or ${StoreSettings.PostgresVariable}.");
                return 2;
            }
            var days = new CatalogDaySelection(parse.GetValue(venue), parse.GetValue(symbol), k, fromDay, toDay).Select(parse.GetValue(data)!);
            if (days.Count == 0) Console.WriteLine($"no catalog days under {Path.GetFullPath(parse.GetValue(data)!)} match");
            return await StoreAndPrintAsync(settings, days, parse.GetValue(json), ct, parse.GetValue(batch)).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Store <paramref name="dayDirectories"/>, print the report; 0 done, 1 failed or interrupted (rerun to resume).</summary>
    public static async Task<int> StoreAndPrintAsync(StoreSettings settings, IReadOnlyList<string> dayDirectories, FileInfo? json,
        CancellationToken cancellationToken, int batchRecords = 8192)
    {
        using var loggers = CliLogging.Create(LogLevel.Warning);
        var store = new HistoryPostgresStore(settings.Postgres!, settings.MigrateOnStart, loggers.CreateLogger("tbot.history.store"), batchRecords);
        HistoryStoreReport report;
        try
        {
            report = await store.StoreAsync(dayDirectories, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or ProjectionWriteException or IOException
                                       or InvalidDataException or TimeoutException or OperationCanceledException)
        {
            Console.Error.WriteLine($"history store to {StoreSettings.Redact(settings.Postgres!)} stopped: {ex.Message}");
            Console.Error.WriteLine("What was committed stays; run the same command again to resume.");
            return 1;
        }
        Print(report);
        if (json is not null) CliJson.Write(json.FullName, report);
        return 0;
    }

    public static void Print(HistoryStoreReport r)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine($"tbot history store → PostgreSQL ({r.Path})");
        Console.WriteLine("| venue | symbol | kind | day | stored before | stored now | rows written |");
        Console.WriteLine("|-------|--------|------|-----|--------------:|-----------:|-------------:|");
        foreach (var d in r.Days)
            Console.WriteLine(string.Create(c, $"| {d.Venue} | {d.Symbol} | {d.Kind} | {d.Day} | {d.FromPosition} | {d.ToPosition} | {d.Rows} |"));
        Console.WriteLine(string.Create(c, $"{r.Rows} rows in {r.StoreSeconds:F2} s ({r.RowsPerSecond:F0} rows/s); upkeep {r.UpkeepSeconds:F2} s"));
        Console.WriteLine($"candles: {r.Candles}");
        Console.WriteLine(r.CompressionNote is { } note ? $"compression: {note}" : string.Create(c, $"compression: {r.CompressedChunks} chunk(s) compressed"));
        if (r.Analyzed.Count > 0) Console.WriteLine($"analyzed: {string.Join(", ", r.Analyzed)}");
    }

    /// <summary>The PostgreSQL section of <c>tbot history status</c>.</summary>
    public static async Task<int> PrintStatusAsync(string connectionString, IReadOnlyList<CatalogStatusRow> catalog, bool asJson, CancellationToken cancellationToken)
    {
        List<HistoryPostgresStatusRow> rows;
        try
        {
            rows = await HistoryPostgresStatus.ReadAsync(connectionString, catalog, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            Console.Error.WriteLine($"history status: PostgreSQL {StoreSettings.Redact(connectionString)}: {ex.Message}");
            return 1;
        }
        if (asJson)
        {
            Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { catalog, postgres = rows }, CliJson.Options));
            return 0;
        }
        Console.WriteLine();
        Console.WriteLine($"PostgreSQL {StoreSettings.Redact(connectionString)} (market_data rows by row time; klines count at their close):");
        Console.WriteLine("| venue | symbol | kind | day | catalog records | stored position | postgres rows |");
        Console.WriteLine("|-------|--------|------|-----|----------------:|----------------:|--------------:|");
        foreach (var r in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Venue} | {r.Symbol} | {r.Kind} | {r.Day} | {Text(r.CatalogRecords)} | {Text(r.StoredPosition)} | {Text(r.PostgresRows)} |"));
        return 0;
    }

    private static string Text(long? n) => n is { } v ? v.ToString(CultureInfo.InvariantCulture) : "-";

    private static DateOnly? Day(string? text, string option, List<string> problems)
    {
        if (text is null) return null;
        if (CatalogLayout.TryParseDay(text, out var day)) return day;
        return TimeArgument.Parse(text, option, problems) is { } ns ? DateOnly.FromDateTime(DateTime.UnixEpoch.AddTicks(ns / 100)) : null;
    }
}
