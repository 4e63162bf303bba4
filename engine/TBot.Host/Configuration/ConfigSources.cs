using System.Collections;

namespace TBot.Host.Configuration;

/// <summary>
/// Where the layered configuration comes from, lowest precedence first: <c>appsettings.json</c> next to the binary,
/// <c>appsettings.json</c> in the working directory, the <c>--config</c> file, then <c>TBOT_</c> environment variables.
/// Flags win over all of them (applied by each command). Tests give their own directories and environment.
/// </summary>
public sealed record ConfigSources(IReadOnlyList<string> AppSettingsDirectories, string? ConfigFile, IReadOnlyDictionary<string, string> Environment)
{
    public const string AppSettingsFile = "appsettings.json";

    /// <summary>The process's own: the binary's directory, the working directory and the process environment.</summary>
    public static ConfigSources ForProcess(string? configFile) =>
        new([AppContext.BaseDirectory, Directory.GetCurrentDirectory()], configFile, ProcessEnvironment());

    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables())
            if (e.Key is string k && e.Value is string v) env[k] = v;
        return env;
    }

    /// <summary>The appsettings.json files that exist, each directory once, in precedence order.</summary>
    public IEnumerable<string> AppSettingsFiles()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dir in AppSettingsDirectories)
        {
            var path = Path.GetFullPath(Path.Combine(dir, AppSettingsFile));
            if (seen.Add(path) && File.Exists(path)) yield return path;
        }
    }
}
