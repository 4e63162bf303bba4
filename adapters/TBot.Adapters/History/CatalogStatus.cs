using System.Text.Json.Serialization;
using TBot.Engine.Journal;

namespace TBot.Adapters.History;

/// <summary><c>tbot history status</c>: one row per catalog day, read from its manifest and journal.</summary>
public static class CatalogStatus
{
    public static List<CatalogStatusRow> Read(string root)
    {
        var rows = new List<CatalogStatusRow>();
        foreach (var (venue, symbol, kind, day, path) in CatalogLayout.EnumerateDays(root))
        {
            var manifest = JournalManifest.Load(path);
            var info = CatalogDayInfo.FromConfig(manifest.Config);
            var tail = CatalogTail.Read(path);
            rows.Add(new CatalogStatusRow
            {
                Venue = venue,
                Symbol = symbol,
                Kind = kind,
                Day = CatalogLayout.DayName(day),
                Records = tail.Records,
                First = tail.IsEmpty ? null : CatalogDayInfo.Iso(tail.FirstTimeNs),
                Last = tail.IsEmpty ? null : CatalogDayInfo.Iso(tail.LastTimeNs),
                Complete = info?.Complete ?? false,
                Source = info?.Source,
                Interval = info?.Interval,
                CoveredFrom = info?.CoveredFrom,
                CoveredTo = info?.CoveredTo,
                Gaps = info?.Gaps ?? [],
                Stats = info?.Stats ?? [],
                Path = path,
            });
        }
        return rows;
    }
}

public sealed class CatalogStatusRow
{
    [JsonPropertyName("venue")] public string Venue { get; set; } = "";
    [JsonPropertyName("symbol")] public string Symbol { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("day")] public string Day { get; set; } = "";
    [JsonPropertyName("records")] public long Records { get; set; }
    [JsonPropertyName("first")] public string? First { get; set; }
    [JsonPropertyName("last")] public string? Last { get; set; }
    [JsonPropertyName("complete")] public bool Complete { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("interval")] public string? Interval { get; set; }
    [JsonPropertyName("covered_from")] public string? CoveredFrom { get; set; }
    [JsonPropertyName("covered_to")] public string? CoveredTo { get; set; }
    [JsonPropertyName("gaps")] public List<CatalogGap> Gaps { get; set; } = [];
    [JsonPropertyName("stats")] public SortedDictionary<string, long> Stats { get; set; } = [];
    [JsonPropertyName("path")] public string Path { get; set; } = "";
}
