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
}

public sealed record RingSummary
{
    [JsonPropertyName("published")] public long Published { get; init; }
    [JsonPropertyName("processed")] public long Processed { get; init; }
    [JsonPropertyName("avg_batch")] public double AverageBatch { get; init; }
    [JsonPropertyName("by_kind")] public SortedDictionary<string, long> ByKind { get; init; } = [];
}
