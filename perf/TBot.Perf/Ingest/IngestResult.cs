using System.Text.Json.Serialization;

namespace TBot.Perf.Ingest;

/// <summary>One venue/stream row of <c>tbot perf ingest</c>.</summary>
public sealed record IngestResult
{
    [JsonPropertyName("venue")] public string Venue { get; init; } = "";
    [JsonPropertyName("stream")] public string Stream { get; init; } = "";
    [JsonPropertyName("frames_per_sec")] public double FramesPerSec { get; init; }
    [JsonPropertyName("events_per_sec")] public double EventsPerSec { get; init; }
    [JsonPropertyName("ns_per_frame")] public double NsPerFrame { get; init; }
    [JsonPropertyName("allocated_bytes_per_event")] public double AllocatedBytesPerEvent { get; init; }
    [JsonPropertyName("frames")] public long Frames { get; init; }
    [JsonPropertyName("events")] public long Events { get; init; }
    [JsonPropertyName("rejected")] public long Rejected { get; init; }
    [JsonPropertyName("avg_frame_bytes")] public double AvgFrameBytes { get; init; }
}

/// <summary>What <c>tbot perf ingest --json</c> writes.</summary>
public sealed record IngestReport
{
    [JsonPropertyName("results")] public IReadOnlyList<IngestResult> Results { get; init; } = [];
    [JsonPropertyName("cores")] public int Cores { get; init; }
    [JsonPropertyName("runtime")] public string Runtime { get; init; } = "";
    [JsonPropertyName("timestamp_utc")] public DateTime TimestampUtc { get; init; }
}
