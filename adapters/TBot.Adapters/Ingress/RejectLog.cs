using System.Text;
using Microsoft.Extensions.Logging;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Ingress;

/// <summary>
/// Logs rejected input with the venue, reason and a short excerpt, at most <see cref="PerSecond"/> lines per
/// venue per second, so that a flood of garbage costs counters, not log I/O. Suppressed lines are counted
/// and reported with the next line that gets through.
/// </summary>
public sealed class RejectLog(ILogger logger)
{
    public const int PerSecond = 5;
    private const int ExcerptBytes = 160;
    private readonly long[] _windowStart = new long[4];
    private readonly int[] _inWindow = new int[4];
    private readonly long[] _suppressed = new long[4];

    public void Report(Venue venue, RejectReason reason, ReadOnlySpan<byte> frame, long nowNs)
    {
        var v = (int)venue;
        if (nowNs - _windowStart[v] >= 1_000_000_000)
        {
            _windowStart[v] = nowNs;
            _inWindow[v] = 0;
        }
        if (++_inWindow[v] > PerSecond || !logger.IsEnabled(LogLevel.Warning))
        {
            _suppressed[v]++;
            return;
        }
        var excerpt = Encoding.UTF8.GetString(frame[..Math.Min(frame.Length, ExcerptBytes)]);
        var suppressed = _suppressed[v];
        _suppressed[v] = 0;
        logger.LogWarning("Rejected {Venue} input: {Reason} ({Suppressed} similar lines suppressed before): {Excerpt}",
            VenueNames.Name(venue), RejectReasons.Name(reason), suppressed, excerpt);
    }
}
