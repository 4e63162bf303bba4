using System.Globalization;

namespace TBot.Host.Commands;

/// <summary>A time on the command line: ISO 8601 (UTC unless it says otherwise) or Unix nanoseconds.</summary>
public static class TimeArgument
{
    public static long? Parse(string? text, string option, List<string> problems)
    {
        if (text is null) return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ns)) return ns;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
            return (t.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
        problems.Add($"{option} '{text}': not an ISO 8601 time or Unix nanoseconds.");
        return null;
    }
}
