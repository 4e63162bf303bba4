using System.Text.Json.Serialization;
using TBot.Host.Trading;

namespace TBot.Host.Replay;

/// <summary>What <c>tbot replay --json</c> writes.</summary>
public sealed record ReplaySummary
{
    [JsonPropertyName("journal")] public string Journal { get; init; } = "";
    [JsonPropertyName("journal_id")] public string JournalId { get; init; } = "";
    [JsonPropertyName("events")] public long Events { get; init; }
    [JsonPropertyName("events_per_sec")] public double EventsPerSecond { get; init; }
    [JsonPropertyName("duration_s")] public double DurationSeconds { get; init; }
    [JsonPropertyName("speed")] public string Speed { get; init; } = "max";
    [JsonPropertyName("from_ns")] public long? FromNs { get; init; }
    [JsonPropertyName("to_ns")] public long? ToNs { get; init; }
    [JsonPropertyName("orders")] public long Orders { get; init; }
    [JsonPropertyName("fills")] public long Fills { get; init; }
    [JsonPropertyName("positions")] public SortedDictionary<string, SortedDictionary<string, string>> Positions { get; init; } = [];
    [JsonPropertyName("pnl")] public SortedDictionary<string, BotPnl> Pnl { get; init; } = [];
    [JsonPropertyName("state_hash")] public string StateHash { get; init; } = "";
    /// <summary>Fill decisions the journal holds, next to the fills the replay made (equal for a full replay).</summary>
    [JsonPropertyName("journaled_fills")] public long JournaledFills { get; init; }
    [JsonPropertyName("tail_damage")] public string TailDamage { get; init; } = "none";
    [JsonPropertyName("trading")] public TradingReport? Trading { get; init; }
    /// <summary>With --redis/--postgres: the stores caught up with the journal after the replay (from their checkpoints).</summary>
    [JsonPropertyName("projections")] public SortedDictionary<string, Stores.ProjectionReport>? Projections { get; init; }
    /// <summary>Full replays only: every decision compared with the journal's.</summary>
    [JsonPropertyName("decisions")] public DecisionVerification? Verification { get; init; }
}

/// <summary>How the replay's decisions compare with the journaled ones (equal in a deterministic replay).</summary>
public sealed record DecisionVerification
{
    [JsonPropertyName("verified")] public long Verified { get; init; }
    [JsonPropertyName("mismatches")] public long Mismatches { get; init; }
    /// <summary>Journaled decisions the replay did not make.</summary>
    [JsonPropertyName("missing")] public long Missing { get; init; }
    /// <summary>Replay decisions beyond the journal's.</summary>
    [JsonPropertyName("extra")] public long Extra { get; init; }
    [JsonPropertyName("first_mismatch")] public string? FirstMismatch { get; init; }
}
