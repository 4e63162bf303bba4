using System.Globalization;
using TBot.Host.Bus;

namespace TBot.Host.Alerts;

/// <summary>An <see cref="Alert"/> as bus event data and back (the bus carries strings, so alerts mirror through Redis as is).</summary>
public static class AlertPayload
{
    public static Dictionary<string, string> ToData(Alert a) => new(StringComparer.Ordinal)
    {
        ["rule"] = a.Rule, ["status"] = a.Status, ["subject"] = a.Subject, ["severity"] = a.Severity, ["message"] = a.Message,
        ["since"] = a.Since.ToString("O", CultureInfo.InvariantCulture), ["time"] = a.Time.ToString("O", CultureInfo.InvariantCulture),
        ["engine"] = a.Engine, ["episode"] = a.Episode.ToString(CultureInfo.InvariantCulture),
    };

    public static Alert FromEvent(BusEvent e) => new()
    {
        Rule = e.Get("rule") ?? "", Status = e.Get("status") ?? "", Subject = e.Get("subject") ?? "", Severity = e.Get("severity") ?? "",
        Message = e.Get("message") ?? "", Engine = e.Get("engine") ?? e.Source, IdempotencyKey = e.IdempotencyKey,
        Since = DateTimeOffset.Parse(e.Get("since") ?? e.Time.ToString("O"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Time = DateTimeOffset.Parse(e.Get("time") ?? e.Time.ToString("O"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Episode = long.TryParse(e.Get("episode"), CultureInfo.InvariantCulture, out var n) ? n : 0,
    };
}
