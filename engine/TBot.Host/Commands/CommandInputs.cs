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

    /// <summary><c>--config FILE</c>, loaded and validated; null when not given or unusable.</summary>
    public static RunConfig? Config(FileInfo? file, List<string> problems)
    {
        if (file is null) return null;
        if (!file.Exists)
        {
            problems.Add($"Configuration file not found: {file.FullName}");
            return null;
        }
        var (loaded, configProblems) = RunConfig.Load(file.FullName);
        problems.AddRange(configProblems);
        return loaded;
    }
}
