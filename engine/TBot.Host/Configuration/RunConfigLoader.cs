using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using TBot.Host.Running;

namespace TBot.Host.Configuration;

/// <summary>
/// The layered configuration (Microsoft.Extensions.Configuration: appsettings.json, <c>--config</c>, <c>TBOT_</c>
/// environment variables) read into the strict <see cref="RunConfig"/>: unknown keys and bad values are errors, every
/// one listed at once. Null when no layer says anything (the embedded default applies).
/// </summary>
public static class RunConfigLoader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static (RunConfig? Config, List<string> Problems) Load(ConfigSources sources)
    {
        var problems = new List<string>();
        var root = Build(sources, problems);
        if (root is null) return (null, problems);
        if (!root.GetChildren().Any())
        {
            // An empty --config file is still a configuration (the embedded default with the defaults spelled out).
            return (sources.ConfigFile is null ? null : new RunConfig(), problems);
        }
        // Unknown keys and bad values are reported and left out; the rest is still read and checked, so one pass
        // lists every problem. A configuration with any problem is never run.
        var json = ConfigurationJson.ToJson(root, typeof(RunConfig), problems);
        RunConfig? config;
        try
        {
            config = json.Deserialize<RunConfig>(Json);
        }
        catch (JsonException ex)
        {
            // Not expected after the walk above; kept so a gap in it reports instead of crashing.
            problems.Add($"configuration: {ex.Message}");
            return (null, problems);
        }
        if (config is null) return (null, problems);
        problems.AddRange(config.Problems());
        return (config, problems);
    }

    /// <summary>The layered configuration root, or null when a file cannot be read (problems added).</summary>
    public static IConfigurationRoot? Build(ConfigSources sources, List<string> problems)
    {
        var builder = new ConfigurationBuilder();
        foreach (var file in sources.AppSettingsFiles()) builder.AddJsonFile(file, optional: true, reloadOnChange: false);
        if (sources.ConfigFile is { } path)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                problems.Add($"Configuration file not found: {full}");
                return null;
            }
            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }
        builder.AddInMemoryCollection(TbotEnvironment.Keys(sources.Environment, ConfigurationJson.KeysOf(typeof(RunConfig)), problems));
        try
        {
            return builder.Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or JsonException or IOException)
        {
            problems.Add($"configuration: {ex.Message}{(ex.InnerException is { } inner ? " " + inner.Message : "")}");
            return null;
        }
    }
}
