using System.CommandLine;
using TBot.Host.Commands;

namespace TBot.Host;

public static class Program
{
    public static Task<int> Main(string[] args) => MainAsync(args);

    /// <summary>The whole CLI; tests call it in-process exactly as users call the binary.</summary>
    public static Task<int> MainAsync(string[] args)
    {
        var root = new RootCommand("TBot: a low-latency crypto trading engine.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(RecordCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(JournalCommand.Create());
        root.Subcommands.Add(PerfCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(ProjectCommand.Create());
        root.Subcommands.Add(BacktestCommand.Create());
        return root.Parse(args).InvokeAsync();
    }
}
