using System.CommandLine;
using TBot.Engine.Journal;

namespace TBot.Host.Commands;

/// <summary><c>tbot journal info</c>: what a journal holds and whether it is intact, without changing it.</summary>
public static class JournalCommand
{
    public static Command Create()
    {
        var journal = new Command("journal", "Inspect journals.");
        var dir = new Option<string>("--journal") { Description = "Journal directory.", Required = true };
        var info = new Command("info", "Segments, records by type, positions and times, and damage (a torn tail is reported, never repaired here; tbot run repairs it on start). Exit 3 when a sealed segment is corrupt.") { dir };
        info.SetAction(parse =>
        {
            var path = parse.GetValue(dir)!;
            if (!File.Exists(JournalManifest.PathIn(path)))
            {
                Console.Error.WriteLine($"--journal {path}: no journal there (manifest.json missing).");
                return 2;
            }
            var summary = JournalInspector.Inspect(path);
            Console.WriteLine(summary.ToString());
            return summary.Status == JournalStatus.Corrupt ? 3 : 0;
        });
        journal.Subcommands.Add(info);
        return journal;
    }
}
