using System.Text.Json.Serialization;
using TBot.Adapters.Ingress;

namespace TBot.Adapters.Capture;

/// <summary>What <c>tbot check</c> prints and writes as JSON.</summary>
public sealed record CheckReport
{
    [JsonPropertyName("venue")] public string Venue { get; init; } = "";
    [JsonPropertyName("input")] public string Input { get; init; } = "";
    /// <summary>Records (frames and REST bodies) read from the capture.</summary>
    [JsonPropertyName("read")] public long Read { get; init; }
    /// <summary>Events accepted into the pipeline (a depth update of N levels is N events).</summary>
    [JsonPropertyName("accepted")] public long Accepted { get; init; }
    /// <summary>Non-data frames: subscription acks, heartbeats, pongs, notices.</summary>
    [JsonPropertyName("control")] public long Control { get; init; }
    /// <summary>Rejections by reason (frames, messages or events, whichever was refused).</summary>
    [JsonPropertyName("rejected")] public SortedDictionary<string, long> Rejected { get; init; } = [];
    /// <summary>Book desyncs detected: sequence gaps, checksum mismatches, bad first event, persistent crosses.</summary>
    [JsonPropertyName("resyncs")] public long Resyncs { get; init; }
    [JsonPropertyName("books")] public SortedDictionary<string, BookTop> Books { get; init; } = [];
    [JsonPropertyName("instruments")] public int Instruments { get; init; }
    [JsonPropertyName("bad_lines")] public long BadLines { get; init; }
}
