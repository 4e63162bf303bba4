using System.Globalization;

namespace TBot.Host.Telemetry;

/// <summary>
/// The parameters of <c>GET /api/metrics</c>: <c>from</c> and <c>to</c> as ISO 8601 times (a zone or Z; none
/// means UTC) or Unix seconds, default the last hour; <c>bot</c> as a bot id or the <c>id:name</c> of the metric
/// labels, default every bot. At most <see cref="MaxSpan"/> per request.
/// </summary>
public sealed record MetricsQuery(DateTime FromUtc, DateTime ToUtc, int? BotId)
{
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(31);

    public static bool TryParse(string? from, string? to, string? bot, DateTime nowUtc, out MetricsQuery query, out string error)
    {
        query = null!;
        error = "";
        var toUtc = nowUtc;
        if (!string.IsNullOrEmpty(to) && !TryTime(to, out toUtc))
        {
            error = $"to: '{to}' is not an ISO 8601 time or Unix seconds.";
            return false;
        }
        var fromUtc = toUtc - TimeSpan.FromHours(1);
        if (!string.IsNullOrEmpty(from) && !TryTime(from, out fromUtc))
        {
            error = $"from: '{from}' is not an ISO 8601 time or Unix seconds.";
            return false;
        }
        if (fromUtc >= toUtc)
        {
            error = "from must be before to.";
            return false;
        }
        if (toUtc - fromUtc > MaxSpan)
        {
            error = $"from..to spans more than {MaxSpan.TotalDays:0} days; ask in pieces.";
            return false;
        }
        int? botId = null;
        if (!string.IsNullOrEmpty(bot))
        {
            var id = bot.IndexOf(':') is var colon and > 0 ? bot[..colon] : bot;
            if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var b) || b <= 0)
            {
                error = $"bot: '{bot}' is not a bot id (e.g. 1 or 1:mm-btc).";
                return false;
            }
            botId = b;
        }
        query = new MetricsQuery(fromUtc, toUtc, botId);
        return true;
    }

    private static bool TryTime(string text, out DateTime utc)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            && seconds is >= 0 and <= 253_402_300_799)
        {
            utc = DateTime.UnixEpoch.AddSeconds(seconds);
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var t))
        {
            utc = t.UtcDateTime;
            return true;
        }
        utc = default;
        return false;
    }
}
