using System.Text.Json.Serialization;
using TBot.Adapters.Ingress;

namespace TBot.Host.Running;

/// <summary>What <c>tbot run --json</c> writes.</summary>
public sealed record RunSummary
{
    [JsonPropertyName("duration_s")] public double DurationSeconds { get; init; }
    [JsonPropertyName("source")] public string Source { get; init; } = "";
    [JsonPropertyName("venues")] public SortedDictionary<string, VenueReport> Venues { get; init; } = [];
    [JsonPropertyName("books")] public SortedDictionary<string, BookTop> Books { get; init; } = [];
    [JsonPropertyName("ring")] public RingSummary Ring { get; init; } = new();
    [JsonPropertyName("simulator_faults")] public SortedDictionary<string, long>? SimulatorFaults { get; init; }
    /// <summary>The journal directory.</summary>
    [JsonPropertyName("journal")] public string Journal { get; init; } = "";
    [JsonPropertyName("journal_info")] public JournalRunSummary? JournalInfo { get; init; }
    [JsonPropertyName("orders")] public long Orders { get; init; }
    [JsonPropertyName("fills")] public long Fills { get; init; }
    [JsonPropertyName("positions")] public SortedDictionary<string, SortedDictionary<string, string>> Positions { get; init; } = [];
    [JsonPropertyName("pnl")] public SortedDictionary<string, Trading.BotPnl> Pnl { get; init; } = [];
    [JsonPropertyName("state_hash")] public string StateHash { get; init; } = "";
    [JsonPropertyName("trading")] public Trading.TradingReport? Trading { get; init; }
    [JsonPropertyName("live")] public LiveSummary? Live { get; init; }
    /// <summary>Each store the journal is projected into: applied position and lag when the run ended.</summary>
    [JsonPropertyName("projections")] public SortedDictionary<string, Stores.ProjectionReport> Projections { get; init; } = [];
    /// <summary>Multi-bot sync over Redis pub/sub (null without Redis).</summary>
    [JsonPropertyName("sync")] public Stores.PeerSyncReport? Sync { get; init; }
    /// <summary>Why the run stopped early: the trading chain (strategies, risk, orders, journal) threw. Exit code 3.</summary>
    [JsonPropertyName("fault")] public string? Fault { get; init; }
    /// <summary>The graceful stop: open orders by policy, ring drained. Not clean: exit code 5.</summary>
    [JsonPropertyName("shutdown")] public Hosting.ShutdownReport? Shutdown { get; init; }
}

public sealed record RingSummary
{
    [JsonPropertyName("published")] public long Published { get; init; }
    [JsonPropertyName("processed")] public long Processed { get; init; }
    [JsonPropertyName("avg_batch")] public double AverageBatch { get; init; }
}
