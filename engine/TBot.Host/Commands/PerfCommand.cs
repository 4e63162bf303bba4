using System.CommandLine;

namespace TBot.Host.Commands;

/// <summary><c>tbot perf</c>: performance harnesses that print a table and write JSON.</summary>
public static class PerfCommand
{
    public static Command Create()
    {
        var perf = new Command("perf", "Run performance harnesses (throughput and latency tables, JSON output).");
        perf.Subcommands.Add(PerfRingCommand.Create());
        perf.Subcommands.Add(PerfIngestCommand.Create());
        perf.Subcommands.Add(PerfPipelineCommand.Create());
        perf.Subcommands.Add(PerfStoreCommand.Create());
        perf.Subcommands.Add(PerfBacktestCommand.Create());
        return perf;
    }
}
