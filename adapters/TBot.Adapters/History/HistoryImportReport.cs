using System.Text.Json.Serialization;

namespace TBot.Adapters.History;

/// <summary>What <c>tbot history import</c> read, accepted (live validation), wrote, and which days it touched.</summary>
public sealed class HistoryImportReport
{
    [JsonPropertyName("venue")] public string Venue { get; set; } = "";
    [JsonPropertyName("input")] public string Input { get; set; } = "";
    [JsonPropertyName("out")] public string Out { get; set; } = "";
    [JsonPropertyName("read")] public long Read { get; set; }
    [JsonPropertyName("accepted")] public long Accepted { get; set; }
    [JsonPropertyName("written")] public long Written { get; set; }
    /// <summary>Accepted events that are not catalogued (quotes, tickers, book status).</summary>
    [JsonPropertyName("skipped")] public long Skipped { get; set; }
    [JsonPropertyName("rejected")] public SortedDictionary<string, long> Rejected { get; set; } = [];
    [JsonPropertyName("days")] public List<string> Days { get; set; } = [];
}
