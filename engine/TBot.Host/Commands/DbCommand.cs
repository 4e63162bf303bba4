using System.CommandLine;
using System.Globalization;
using Npgsql;
using TBot.Host.Running;
using TBot.Host.Stores;
using TBot.Persistence.Postgres;
using TBot.Persistence.Projections;

namespace TBot.Host.Commands;

/// <summary><c>tbot db migrate | status | reproject</c>: the stores' schema and projections by hand.</summary>
public static class DbCommand
{
    public static Command Create()
    {
        var db = new Command("db", "PostgreSQL schema migrations, store status and re-projection from the journal.");
        db.Subcommands.Add(Migrate());
        db.Subcommands.Add(Status());
        db.Subcommands.Add(Reproject());
        return db;
    }

    private static Option<FileInfo?> ConfigOption() => new("--config") { Description = "Configuration file whose stores section names the servers." };

    private static Command Migrate()
    {
        var stores = new StoreCliOptions();
        var config = ConfigOption();
        var command = new Command("migrate", "Apply pending PostgreSQL migrations (TimescaleDB path when the extension can be created, else native partitioning).") { config };
        stores.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (Resolve(parse, stores, config) is not { } settings) return 2;
            if (settings.Postgres is not { } pg) return Fail($"No PostgreSQL configured: give --postgres, stores.postgres in --config, or ${StoreSettings.PostgresVariable}.");
            try
            {
                var result = await MigrationRunner.MigrateAsync(pg, ct).ConfigureAwait(false);
                foreach (var m in result.Applied) Console.WriteLine($"applied {m.Version:D4}_{m.Name}");
                Console.WriteLine(result.Applied.Count == 0
                    ? $"schema is current: version {result.Version} ({SchemaPathNames.Name(result.Path)})"
                    : $"schema now at version {result.Version} ({SchemaPathNames.Name(result.Path)})");
                if (result.TimescaleUnavailable is { } why) Console.WriteLine($"TimescaleDB not used: {why}");
                return 0;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                return Fail($"migration failed: {ex.Message}", 1);
            }
        });
        return command;
    }

    private static Command Status()
    {
        var stores = new StoreCliOptions();
        var config = ConfigOption();
        var journal = new Option<string?>("--journal") { Description = "Journal directory: also show how far behind it each of its projections is." };
        var json = new Option<FileInfo?>("--json") { Description = "Write the status as JSON to this path." };
        var command = new Command("status", "Schema version and path, projection checkpoints and their lag behind a journal.") { config, journal, json };
        stores.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (Resolve(parse, stores, config) is not { } settings) return 2;
            var dir = parse.GetValue(journal);
            if (dir is not null && !File.Exists(TBot.Engine.Journal.JournalManifest.PathIn(dir))) return Fail($"--journal {dir}: no journal there (manifest.json missing).");
            if (settings.Postgres is null && settings.Redis is null) return Fail("No store configured: give --postgres and/or --redis (or the stores section, or the TBOT_ variables).");
            var status = await StoreStatusReader.ReadAsync(settings, dir, ct).ConfigureAwait(false);
            Print(status);
            if (parse.GetValue(json) is { } path) CliJson.Write(path.FullName, status);
            return status.Postgres?.Error is null && status.Redis?.Error is null ? 0 : 1;
        });
        return command;
    }

    private static Command Reproject()
    {
        var stores = new StoreCliOptions();
        var config = ConfigOption();
        var journal = new Option<string>("--journal") { Description = "Journal directory to project from.", Required = true };
        var from = new Option<string?>("--from") { Description = "From this time (ISO 8601 UTC, or Unix ns): the first journal record at or after it." };
        var fromPosition = new Option<long?>("--from-position") { Description = "From this journal position." };
        var to = new Option<string?>("--to") { Description = "Up to this time (default: the journal's end)." };
        var toPosition = new Option<long?>("--to-position") { Description = "Up to this journal position (inclusive)." };
        var only = new Option<string[]>("--projection") { Description = $"Only these projections ({string.Join(", ", PostgresReprojection.Projections)}); default all.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("reproject", "Apply a journal range to the PostgreSQL projections again (idempotent: rows end up as before, never duplicated).")
        {
            config, journal, from, fromPosition, to, toPosition, only,
        };
        stores.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (Resolve(parse, stores, config) is not { } settings) return 2;
            var problems = new List<string>();
            var dir = parse.GetValue(journal)!;
            if (!File.Exists(TBot.Engine.Journal.JournalManifest.PathIn(dir))) problems.Add($"--journal {dir}: no journal there (manifest.json missing).");
            if (settings.Postgres is null) problems.Add($"No PostgreSQL configured: give --postgres, stores.postgres in --config, or ${StoreSettings.PostgresVariable}.");
            if (parse.GetValue(from) is not null && parse.GetValue(fromPosition) is not null) problems.Add("Give --from or --from-position, not both.");
            if (parse.GetValue(to) is not null && parse.GetValue(toPosition) is not null) problems.Add("Give --to or --to-position, not both.");
            var fromNs = TimeArgument.Parse(parse.GetValue(from), "--from", problems);
            var toNs = TimeArgument.Parse(parse.GetValue(to), "--to", problems);
            var names = parse.GetValue(only) ?? [];
            foreach (var n in names)
                if (Array.IndexOf(PostgresReprojection.Projections, n) < 0) problems.Add($"--projection {n}: unknown ({string.Join(", ", PostgresReprojection.Projections)}).");
            if (problems.Count > 0)
            {
                foreach (var p in problems) Console.Error.WriteLine(p);
                return 2;
            }
            long first = parse.GetValue(fromPosition) ?? 1;
            if (fromNs is { } f)
            {
                if (JournalPositions.AtOrAfter(dir, f) is not { } p) return Fail("--from: the journal has nothing that late.");
                first = p;
            }
            long last = parse.GetValue(toPosition) ?? long.MaxValue;
            if (toNs is { } t)
                last = JournalPositions.AtOrAfter(dir, t + 1) is { } after ? after - 1 : long.MaxValue;
            if (first < 1 || last < first) return Fail($"Empty range: positions {first}..{last}.");
            await using var dataSource = NpgsqlDataSource.Create(settings.Postgres!);
            try
            {
                var results = await PostgresReprojection.RunAsync(settings.Postgres!, dataSource, dir, first, last, names, ct).ConfigureAwait(false);
                foreach (var (name, r) in results)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name}: positions {r.FirstPosition}..{r.LastPosition}, {r.RecordsRead} records read, {r.DecisionsApplied} decisions, {r.Batches} batches"));
                return 0;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException or TBot.Persistence.Postgres.Warm.ProjectionWriteException)
            {
                return Fail($"reprojection failed: {ex.Message}", 1);
            }
        });
        return command;
    }

    private static StoreSettings? Resolve(ParseResult parse, StoreCliOptions stores, Option<FileInfo?> config)
    {
        var problems = new List<string>();
        var section = CommandInputs.Config(parse.GetValue(config), problems)?.Stores;
        var settings = stores.Resolve(parse, section);
        problems.AddRange(settings.Problems());
        foreach (var p in problems) Console.Error.WriteLine(p);
        return problems.Count == 0 ? settings : null;
    }

    private static void Print(StoreStatus s)
    {
        if (s.Journal is { } j) Console.WriteLine($"journal {j.Directory} (id {j.Id}): last position {j.LastPosition}");
        if (s.Postgres is { } pg)
        {
            if (pg.Error is { } e) Console.WriteLine($"postgres: unreachable or failed: {e}");
            else
            {
                Console.WriteLine($"postgres: schema version {pg.Version} of {pg.LatestVersion} ({pg.Path ?? "not migrated"}){(pg.Current ? "" : ": run tbot db migrate")}");
                foreach (var m in pg.Migrations) Console.WriteLine($"  migration {m}");
                PrintCheckpoints(pg.Checkpoints);
            }
        }
        if (s.Redis is { } r)
        {
            if (r.Error is { } e) Console.WriteLine($"redis: unreachable or failed: {e}");
            else
            {
                Console.WriteLine("redis:");
                PrintCheckpoints(r.Checkpoints);
            }
        }
    }

    private static void PrintCheckpoints(List<CheckpointStatus> checkpoints)
    {
        if (checkpoints.Count == 0) Console.WriteLine("  no projection checkpoints yet");
        foreach (var c in checkpoints)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {c.Projection}: position {c.Position}{(c.LagEvents is { } lag ? $", lag {lag} events" : "")}{(c.UpdatedUtc is { } u ? $", updated {u:u}" : "")}"));
    }

    private static int Fail(string message, int code = 2)
    {
        Console.Error.WriteLine(message);
        return code;
    }
}
