using System.Text.Json.Serialization;

namespace TBot.Host.Hosting;

/// <summary>What the graceful stop did (<c>shutdown</c> in <c>tbot run --json</c>). Not clean: exit code 5.</summary>
public sealed record ShutdownReport
{
    /// <summary>"cancel" or "keep" (<c>shutdown.openOrders</c>).</summary>
    [JsonPropertyName("open_orders_policy")] public string OpenOrdersPolicy { get; init; } = "";

    /// <summary>Open orders when intake stopped.</summary>
    [JsonPropertyName("open_orders_at_stop")] public int OpenOrdersAtStop { get; init; }

    /// <summary>Open orders once the ring drained (0 after a complete cancel).</summary>
    [JsonPropertyName("open_orders_after")] public int OpenOrdersAfter { get; init; }

    /// <summary>Policy cancel: every open order's cancel was reported within <c>shutdown.cancelWaitSeconds</c>.</summary>
    [JsonPropertyName("cancels_completed")] public bool? CancelsCompleted { get; init; }

    /// <summary>The ring drained through the trading core and the journal within <c>shutdown.drainSeconds</c>.</summary>
    [JsonPropertyName("ring_drained")] public bool RingDrained { get; init; }

    [JsonPropertyName("clean")] public bool Clean => RingDrained && CancelsCompleted != false;
}
