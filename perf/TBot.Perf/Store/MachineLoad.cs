namespace TBot.Perf.Store;

/// <summary>The 1-minute load average (Linux /proc/loadavg; null elsewhere). Printed with the numbers because other work
/// on a 2-core machine moves tick-to-intent latency by orders of magnitude: a number is only comparable with its load.</summary>
internal static class MachineLoad
{
    public static double? OneMinute()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.AsSpan(0, text.IndexOf(' ')), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
