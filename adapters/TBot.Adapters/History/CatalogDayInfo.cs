using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TBot.Adapters.History;

/// <summary>
/// The <c>catalog</c> object in a day's manifest <c>config</c>: what the day is, how far it is covered, whether it
/// is complete, its gaps and cleaning statistics. Rewritten (atomically, same journal id) at the end of every
/// fetch or import that touched the day, so the manifest is the one place to read.
/// </summary>
public sealed class CatalogDayInfo
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    [JsonPropertyName("venue")] public string Venue { get; set; } = "";
    [JsonPropertyName("symbol")] public string Symbol { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("day")] public string Day { get; set; } = "";
    /// <summary>"fetch" or "import".</summary>
    [JsonPropertyName("source")] public string Source { get; set; } = "fetch";
    /// <summary>True once the whole UTC day was fetched (coverage spans it and it lies in the past).</summary>
    [JsonPropertyName("complete")] public bool Complete { get; set; }
    /// <summary>Kline interval ("1m"), klines only.</summary>
    [JsonPropertyName("interval")] public string? Interval { get; set; }
    /// <summary>Start of the time range fetched into this day (ISO 8601 UTC), null before the first fetch.</summary>
    [JsonPropertyName("covered_from")] public string? CoveredFrom { get; set; }
    /// <summary>End (exclusive) of the time range fetched.</summary>
    [JsonPropertyName("covered_to")] public string? CoveredTo { get; set; }
    [JsonPropertyName("gaps")] public List<CatalogGap> Gaps { get; set; } = [];
    /// <summary>records, requests, batches, and per reason code the records dropped (duplicate, bad_number, price_out_of_band, ...).</summary>
    [JsonPropertyName("stats")] public SortedDictionary<string, long> Stats { get; set; } = new(StringComparer.Ordinal);

    public JsonElement ToConfig() => JsonSerializer.SerializeToElement(new Dictionary<string, CatalogDayInfo> { ["catalog"] = this }, Json);

    /// <summary>The catalog info in a manifest config, or null when the config has none.</summary>
    public static CatalogDayInfo? FromConfig(JsonElement? config)
    {
        if (config is not { ValueKind: JsonValueKind.Object } c || !c.TryGetProperty("catalog", out var catalog)) return null;
        return catalog.Deserialize<CatalogDayInfo>(Json);
    }

    public void Add(string stat, long n)
    {
        if (n == 0) return;
        Stats[stat] = Stats.GetValueOrDefault(stat) + n;
    }

    public static string Iso(long unixNs) =>
        DateTime.UnixEpoch.AddTicks(unixNs / 100).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static long ParseIso(string text) =>
        (DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
