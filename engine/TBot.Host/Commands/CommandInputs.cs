using TBot.Host.Running;

namespace TBot.Host.Commands;

/// <summary>The options several commands share, parsed one way: every problem is added to the list, none thrown.</summary>
public static class CommandInputs
{
    /// <summary><c>--duration</c> (e.g. 30s, 5m); null when not given or not a duration.</summary>
    public static TimeSpan? Duration(string? text, List<string> problems)
    {
        if (text is null) return null;
        if (DurationParser.TryParse(text, out var span)) return span;
        problems.Add($"--duration '{text}' is not a duration (e.g. 30s, 5m).");
        return null;
    }

    /// <summary>The layered configuration (appsettings.json, <c>--config FILE</c>, <c>TBOT_</c> environment variables),
    /// loaded and validated; null when no layer says anything, or when it is unusable (problems added).</summary>
    public static RunConfig? Config(FileInfo? file, List<string> problems)
    {
        var (loaded, configProblems) = Configuration.RunConfigLoader.Load(Configuration.ConfigSources.ForProcess(file?.FullName));
        problems.AddRange(configProblems);
        return loaded;
    }
}
