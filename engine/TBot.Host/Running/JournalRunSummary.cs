using System.Text.Json.Serialization;

namespace TBot.Host.Running;

/// <summary>The journal part of a run summary.</summary>
public sealed record JournalRunSummary
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("created")] public bool Created { get; init; }
    [JsonPropertyName("rebuilt_events")] public long RebuiltEvents { get; init; }
    /// <summary>Decisions of the last events before a crash, recomputed and written back (their records were torn off).</summary>
    [JsonPropertyName("restored_decisions")] public int RestoredDecisions { get; init; }
    /// <summary>Rebuilt decisions that differ from the journaled ones (0 unless the trading logic changed between runs).</summary>
    [JsonPropertyName("rebuild_mismatches")] public long RebuildMismatches { get; init; }
    [JsonPropertyName("events")] public long Events { get; init; }
    [JsonPropertyName("decisions")] public long Decisions { get; init; }
    /// <summary>Decisions that did not fit the preallocated decision queue (allocated; 0 in normal operation).</summary>
    [JsonPropertyName("decision_queue_overflows")] public long DecisionQueueOverflows { get; init; }
    [JsonPropertyName("last_position")] public long LastPosition { get; init; }
    [JsonPropertyName("bytes_written")] public long BytesWritten { get; init; }
    [JsonPropertyName("fsyncs")] public long Fsyncs { get; init; }
    [JsonPropertyName("max_fsync_us")] public double MaxFsyncMicros { get; init; }
    /// <summary>What start-up found at the tail: "none", or the damage repaired.</summary>
    [JsonPropertyName("tail_damage")] public string TailDamage { get; init; } = "none";
    [JsonPropertyName("bytes_dropped")] public long BytesDropped { get; init; }
    [JsonPropertyName("errors")] public IReadOnlyList<string> Errors { get; init; } = [];

    public static JournalRunSummary From(TradingSession session) => new()
    {
        Id = session.JournalTag,
        Created = session.Recovery.Created,
        RebuiltEvents = session.RebuiltEvents,
        RestoredDecisions = session.RestoredDecisions,
        RebuildMismatches = session.RebuildMismatches,
        Events = session.Journal.Events,
        Decisions = session.Journal.Decisions,
        DecisionQueueOverflows = session.DecisionQueueOverflows,
        LastPosition = session.Writer.LastPosition,
        BytesWritten = session.Writer.BytesWritten,
        Fsyncs = session.Writer.Fsyncs,
        MaxFsyncMicros = Math.Round(session.Writer.MaxFsyncNs / 1000.0, 1),
        TailDamage = session.Recovery.TailRepaired ? session.Recovery.TailDamage.ToString() : "none",
        BytesDropped = session.Recovery.BytesDropped,
        Errors = session.Recovery.Errors,
    };
}
