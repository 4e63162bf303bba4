using System.Text.Json.Serialization;

namespace TBot.Host.Control;

/// <summary>The answer to an accepted control action (202): where its control event went on the ring. The journal
/// holds the event (kind Control, receive time <see cref="TimeNs"/>) and the core's Control decision for it, whose
/// <c>Sequence</c> is <see cref="Sequence"/>.</summary>
public sealed record ControlReceipt
{
    [JsonPropertyName("action")] public required string Action { get; init; }

    [JsonPropertyName("bot")] public int Bot { get; init; }

    /// <summary>The control event's ring sequence in this run.</summary>
    [JsonPropertyName("sequence")] public long Sequence { get; init; }

    /// <summary>The control event's receive time (Unix ns), as journaled.</summary>
    [JsonPropertyName("time_ns")] public long TimeNs { get; init; }

    [JsonPropertyName("journal")] public required string Journal { get; init; }

    /// <summary><c>{journal}:{sequence}</c>: unique per run, printed in the log line of the action.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
}
