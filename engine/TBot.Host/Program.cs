using System.CommandLine;
using TBot.Host.Commands;

namespace TBot.Host;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("TBot: a low-latency crypto trading engine.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(PerfCommand.Create());
        return root.Parse(args).Invoke();
    }
}
