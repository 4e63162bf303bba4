using System.Text.Json.Serialization;

namespace TBot.Host.Configuration;

/// <summary>The <c>shutdown</c> section: what a graceful stop (SIGTERM, Ctrl-C, <c>--duration</c>) does.</summary>
public sealed class ShutdownConfig
{
    public const string Cancel = "cancel";
    public const string Keep = "keep";

    /// <summary>"cancel" (default: a journaled CancelAll for every bot before the ring drains) or "keep" (orders stay
    /// at the venue, or in the paper book, and are rebuilt from the journal at the next start).</summary>
    [JsonPropertyName("openOrders")] public string OpenOrders { get; set; } = Cancel;

    /// <summary>How long the stop waits for the cancels' reports (live: the venue's answers).</summary>
    [JsonPropertyName("cancelWaitSeconds")] public double CancelWaitSeconds { get; set; } = 10;

    /// <summary>How long the ring gets to drain through the trading core and the journal.</summary>
    [JsonPropertyName("drainSeconds")] public double DrainSeconds { get; set; } = 10;

    public List<string> Problems()
    {
        var problems = new List<string>();
        if (OpenOrders is not (Cancel or Keep)) problems.Add($"shutdown.openOrders: '{OpenOrders}' is not cancel or keep.");
        if (CancelWaitSeconds is <= 0 or > 600) problems.Add($"shutdown.cancelWaitSeconds: must be in (0, 600] (got {CancelWaitSeconds}).");
        if (DrainSeconds is <= 0 or > 600) problems.Add($"shutdown.drainSeconds: must be in (0, 600] (got {DrainSeconds}).");
        return problems;
    }
}
