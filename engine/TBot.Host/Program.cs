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
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(HistoryCommand.Create());
        root.Subcommands.Add(BacktestCommand.Create());
        root.Subcommands.Add(OptimizeCommand.Create());
        root.Subcommands.Add(AnalyticsCommand.Create());
        var parsed = root.Parse(args);
        // Commands with their own ShutdownSignal stop gracefully on SIGTERM/Ctrl-C and may take longer than
        // System.CommandLine's 2 s termination timeout (which would end the process mid-shutdown, exit 143, or let
        // its handler run ours after the run ended); for them System.CommandLine's own handling is off.
        var ownSignals = parsed.CommandResult.Command.Name is "run" or "project" or "record" or "simulate";
        return parsed.InvokeAsync(ownSignals ? new InvocationConfiguration { ProcessTerminationTimeout = null } : new InvocationConfiguration());
    }
}
