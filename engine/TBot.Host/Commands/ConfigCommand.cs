using System.CommandLine;
using TBot.Host.Configuration;

namespace TBot.Host.Commands;

/// <summary><c>tbot config check [--config FILE]</c>: validate the layered configuration without connecting anything.</summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "Configuration file, layered over appsettings.json and under TBOT_ environment variables." };
        var check = new Command("check", "Check the configuration (appsettings.json, --config, TBOT_ variables) as tbot run would, before anything connects; exit 0 when fine, 2 with every problem listed.")
        {
            config,
        };
        check.SetAction(parse =>
        {
            var result = ConfigCheck.Run(ConfigSources.ForProcess(parse.GetValue(config)?.FullName));
            if (!result.Ok)
            {
                Console.Error.WriteLine($"configuration: {result.Problems.Count} problem{(result.Problems.Count == 1 ? "" : "s")}");
                foreach (var p in result.Problems) Console.Error.WriteLine("  " + p);
                return result.ExitCode;
            }
            Console.WriteLine("configuration ok");
            foreach (var line in result.Summary) Console.WriteLine("  " + line);
            return 0;
        });
        return new Command("config", "Configuration tools.") { check };
    }
}
