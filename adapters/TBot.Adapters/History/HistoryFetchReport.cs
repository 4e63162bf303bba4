using System.Text.Json.Serialization;

namespace TBot.Adapters.History;

/// <summary>What one <c>tbot history fetch</c> did, per instrument and day, plus totals and throughput.</summary>
public sealed class HistoryFetchReport
{
    [JsonPropertyName("venue")] public string Venue { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("out")] public string Out { get; set; } = "";
    [JsonPropertyName("days")] public List<HistoryDayReport> Days { get; } = [];
    [JsonPropertyName("records")] public long Records { get; set; }
    [JsonPropertyName("requests")] public long Requests { get; set; }
    [JsonPropertyName("seconds")] public double Seconds { get; set; }
    [JsonPropertyName("records_per_sec")] public double RecordsPerSecond { get; set; }
    /// <summary>Set when the fetch stopped on an error: what was written stays, a rerun resumes.</summary>
    [JsonPropertyName("error")] public string? Error { get; set; }
}

public sealed class HistoryDayReport
{
    [JsonPropertyName("symbol")] public string Symbol { get; set; } = "";
    [JsonPropertyName("day")] public string Day { get; set; } = "";
    [JsonPropertyName("path")] public string Path { get; set; } = "";
    [JsonPropertyName("written")] public long Written { get; set; }
    [JsonPropertyName("records")] public long Records { get; set; }
    [JsonPropertyName("complete")] public bool Complete { get; set; }
    [JsonPropertyName("gaps")] public int Gaps { get; set; }
    [JsonPropertyName("dropped")] public SortedDictionary<string, long> Dropped { get; } = new(StringComparer.Ordinal);
}
