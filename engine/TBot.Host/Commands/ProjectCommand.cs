using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using TBot.Engine.Journal;
using TBot.Host.Running;
using TBot.Host.Stores;
using TBot.Persistence.Projections;

namespace TBot.Host.Commands;

/// <summary>
/// <c>tbot project</c>: the store projections as a process of their own, following a journal that a <c>tbot run</c>
/// (started without --redis/--postgres) is writing. On a small host the projections then run at a lower priority
/// (<c>nice -n 10 tbot project ...</c>, systemd <c>Nice=</c>) or on other cores (<c>taskset</c>) than the engine,
/// instead of competing with its hot threads inside one process.
/// </summary>
public static class ProjectCommand
{
    public static Command Create()
    {
        var stores = new StoreCliOptions();
        var config = new Option<FileInfo?>("--config") { Description = "Configuration file whose stores section names the servers." };
        var journal = new Option<string>("--journal") { Description = "Journal directory to follow (it may not exist yet).", Required = true };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long (e.g. 10m). Default: until Ctrl-C / SIGTERM." };
        var json = new Option<FileInfo?>("--json") { Description = "Write the projections' final state as JSON to this path." };
        var command = new Command("project", "Follow a journal written by another process and project it into Redis / PostgreSQL; on stop, catch up to the journal's end.")
        {
            config, journal, duration, json,
        };
        stores.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var problems = new List<string>();
            var runFor = CommandInputs.Duration(parse.GetValue(duration), problems);
            var settings = stores.Resolve(parse, CommandInputs.Config(parse.GetValue(config), problems)?.Stores);
            problems.AddRange(settings.Problems());
            if (settings.Redis is null && settings.Postgres is null) problems.Add("Nothing to project into: give --redis and/or --postgres (or the stores section, or TBOT_REDIS / TBOT_POSTGRES).");
            if (problems.Count > 0)
            {
                foreach (var p in problems) Console.Error.WriteLine(p);
                return 2;
            }
            var dir = Path.GetFullPath(parse.GetValue(journal)!);
            using var loggers = CliLogging.Create(LogLevel.Information);
            var log = loggers.CreateLogger("tbot.project");
            using var signal = new ShutdownSignal(runFor);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(signal.Token, cancellationToken);

            // The journal may not exist yet (the engine starts after us): wait for its manifest.
            Console.WriteLine($"tbot project: ready, following {dir}");
            while (!File.Exists(JournalManifest.PathIn(dir)))
            {
                try { await Task.Delay(100, stop.Token); }
                catch (OperationCanceledException) { return 0; }
            }
            var manifest = JournalManifest.Load(dir);
            log.LogInformation("Projecting journal {Journal} (id {Id})", dir, manifest.JournalId);
            SortedDictionary<string, ProjectionReport> report;
            await using (var set = await ProjectionSet.StartAsync(dir, manifest, settings, () => 0, loggers, stop.Token, maintain: true))
            {
                try { await Task.Delay(Timeout.Infinite, stop.Token); }
                catch (OperationCanceledException) { }
                // Stopped: the journal as it is now is what we owe the stores.
                var end = JournalPositions.Last(dir);
                await set.DrainAsync(end, settings.DrainTimeout, CancellationToken.None);
                report = set.Report(end);
            }
            foreach (var (name, p) in report)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"projection {name}: applied {p.Applied}, lag {p.LagEvents} events, {p.Failures} store errors retried{(p.LastError is { } e && p.LagEvents > 0 ? $" (last: {e})" : "")}"));
            if (parse.GetValue(json) is { } path) CliJson.Write(path.FullName, new ProjectSummary { Journal = dir, JournalId = manifest.JournalId, Projections = report });
            return report.Values.Any(p => p.LagEvents > 0) ? 4 : 0;
        });
        return command;
    }
}
